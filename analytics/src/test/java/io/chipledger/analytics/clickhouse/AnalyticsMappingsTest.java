package io.chipledger.analytics.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chipledger.core.campaign.CampaignReward;
import io.chipledger.core.campaign.CampaignRewardDeliveredEvent;
import io.chipledger.core.coupon.CouponEvents;
import io.chipledger.core.coupon.CouponReward;
import io.chipledger.core.ledger.Posting;
import io.chipledger.core.profile.ActivitySource;
import io.chipledger.core.profile.ActivityType;
import io.chipledger.core.profile.PlayerActivityRecordedEvent;
import io.chipledger.core.profile.PlayerProfileId;
import io.chipledger.core.wallet.AssetAmount;
import io.chipledger.core.wallet.Balance;
import io.chipledger.core.wallet.BetPlacedEvent;
import io.chipledger.core.wallet.Game;
import io.chipledger.core.wallet.PlayRecordedEvent;
import io.chipledger.core.wallet.WalletId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each kind of event makes the rows its tables expect, and a value a column cannot take is refused before ClickHouse sees it. */
class AnalyticsMappingsTest {

    private static final Instant AT = Instant.parse("2026-11-30T10:15:30Z");
    private static final WalletId ALICE = new WalletId("p_1", "alice");

    @Test
    void aBetMakesItsPostingsAndOneTransactionRowPerAsset() {
        BetPlacedEvent bet = new BetPlacedEvent(ALICE, "t-1", "bet-1", "USD", 1_000, "slots", "r-1",
                List.of(new Posting(Posting.PLAYER_AVAILABLE, "USD", -1_000), new Posting("system:house", "USD", 1_000)),
                Map.of("USD", new Balance(9_000, 0)));

        List<SinkRow> rows = AnalyticsMappings.rows(bet, "e-1", AT);

        assertThat(rows).extracting(row -> row.table().name()).containsExactly("postings", "postings", "transactions");
        assertThat(rows.get(1).values()).containsExactly(1, AT, AT.atZone(java.time.ZoneOffset.UTC).toLocalDate(), "p_1", "alice",
                "system:house", "system", "USD", 1_000L, "BetPlaced", "t-1", "slots", "r-1");
        assertThat(rows.get(2).values()).containsExactly(AT, AT.atZone(java.time.ZoneOffset.UTC).toLocalDate(), "p_1", "alice",
                "BetPlaced", "t-1", "bet-1", "USD", -1_000L, 9_000L, 0L, "slots", "r-1");
    }

    @Test
    void aPlayIsAMoneyEventAndAPlayAndAnActivityIsItsOwnRow() {
        PlayRecordedEvent play = new PlayRecordedEvent(ALICE, "t-2", "play-1", Game.DICE, "dice-v1", new AssetAmount("CHIP", 10),
                List.of(new AssetAmount("CHIP", 30)), Map.of("roll", 6), "a-1",
                List.of(new Posting(Posting.PLAYER_AVAILABLE, "CHIP", 20), new Posting("system:house", "CHIP", -20)),
                Map.of("CHIP", new Balance(120, 0)));
        PlayerActivityRecordedEvent login = new PlayerActivityRecordedEvent(new PlayerProfileId("p_1", "alice"), "a-2", ActivityType.LOGIN,
                null, Map.of("ip", "1.2.3.4"), AT.minusSeconds(60), ActivitySource.REPORTED);

        assertThat(AnalyticsMappings.rows(play, "e-2", AT)).extracting(row -> row.table().name())
                .containsExactly("postings", "postings", "transactions", "plays");
        assertThat(AnalyticsMappings.rows(play, "e-2", AT).get(3).values()).contains(List.of("CHIP"), List.of(30L), "{\"roll\":6}");
        assertThat(AnalyticsMappings.rows(login, "e-3", AT).get(0).values()).containsExactly(AT.minusSeconds(60), AT,
                AT.atZone(java.time.ZoneOffset.UTC).toLocalDate(), "p_1", "alice", "LOGIN", "a-2", null, "REPORTED", "{\"ip\":\"1.2.3.4\"}");
        assertThat(AnalyticsMappings.rows("not an event analytics keeps", "e-4", AT)).isEmpty();
    }

    /** Every kind of campaign delivery is a row (a coupon issue moves no money), the coupon's code as the ledger keeps it. */
    @Test
    void aCampaignDeliveryOfEveryKindAndACouponRedemptionAreTheirOwnRows() {
        java.time.LocalDate day = AT.atZone(java.time.ZoneOffset.UTC).toLocalDate();
        CampaignRewardDeliveredEvent coupon = new CampaignRewardDeliveredEvent("p_1", "cmp_1", "alice", new CampaignReward.CouponIssue("welcome10"),
                "Your code: welcome10", 1);
        CampaignRewardDeliveredEvent tokens = new CampaignRewardDeliveredEvent("p_1", "cmp_2", "alice",
                new CampaignReward.TokenGrant("ROULETTE_COIN", 5, "5"), "Hi", 1);
        CampaignRewardDeliveredEvent draw = new CampaignRewardDeliveredEvent("p_1", "cmp_3", "alice", new CampaignReward.PoolDraw("pool_1"),
                "Hi", 2);
        CouponEvents.Redeemed fixed = new CouponEvents.Redeemed("p_1", "WELCOME10", "alice", "t-3", "redeem-1", 1, 1,
                new CouponReward.Fixed("USD", 1_000), new AssetAmount("USD", 1_000), null, null);
        CouponEvents.Redeemed spins = new CouponEvents.Redeemed("p_1", "SPINS", "alice", "t-4", "redeem-2", 1, 1,
                new CouponReward.FreeSpins("slots", 10), null, null, null);

        assertThat(AnalyticsMappings.rows(coupon, "e-7", AT)).singleElement().satisfies(row -> assertThat(row.values())
                .containsExactly(AT, day, "p_1", "cmp_1", "alice", "coupon_issue", "WELCOME10"));
        assertThat(AnalyticsMappings.rows(tokens, "e-8", AT).get(0).values()).endsWith("token_grant", "");
        assertThat(AnalyticsMappings.rows(draw, "e-9", AT).get(0).values()).endsWith("pool_draw", "pool_1");
        assertThat(AnalyticsMappings.rows(fixed, "e-10", AT)).singleElement().satisfies(row -> assertThat(row.values())
                .containsExactly(AT, day, "p_1", "WELCOME10", "alice", "USD", 1_000L, "t-3"));
        assertThat(AnalyticsMappings.rows(spins, "e-11", AT).get(0).values()).containsExactly(AT, day, "p_1", "SPINS", "alice", "", 0L, "t-4");
    }

    @Test
    void aValueItsColumnCannotTakeIsRefusedNamingTheColumn() {
        PlayerActivityRecordedEvent longAgo = new PlayerActivityRecordedEvent(new PlayerProfileId("p_1", "alice"), "a-3",
                ActivityType.LOGIN, null, Map.of(), Instant.parse("1969-12-31T00:00:00Z"), ActivitySource.REPORTED);
        PlayerActivityRecordedEvent huge = new PlayerActivityRecordedEvent(new PlayerProfileId("p_1", "alice"), "a-4",
                ActivityType.LOGIN, null, Map.of("note", "x".repeat(SinkRows.TEXT_LENGTH_MAX)), AT, ActivitySource.REPORTED);

        assertThatThrownBy(() -> AnalyticsMappings.rows(longAgo, "e-5", AT)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("activity.occurred_at is outside ClickHouse's DateTime range");
        assertThatThrownBy(() -> AnalyticsMappings.rows(huge, "e-6", AT)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("activity.meta is longer than");
    }
}
