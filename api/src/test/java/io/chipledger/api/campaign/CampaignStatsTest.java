package io.chipledger.api.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import io.chipledger.api.LedgerApiTest;
import io.chipledger.api.LedgerClient.Reply;
import io.chipledger.api.projection.ProjectionPositions;
import io.chipledger.api.projection.TrackingGroups;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A campaign's conversion from ClickHouse on hand-made examples (issue 20): three players paid
 * tokens, two of whom then played, their stakes per asset after their own delivery, a bet placed
 * before the delivery left out; and a coupon issue, which moves no money, counted from its
 * deliveries with the players who then redeemed the coupon. Needs a real ClickHouse
 * (scripts/test.sh starts one).
 */
class CampaignStatsTest extends LedgerApiTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Autowired
    private ProjectionPositions positions;

    @Test
    void statsCountThePlayersPaidThoseWhoThenPlayedAndTheirStakes() throws Exception {
        String[] partner = client.newPartner();
        for (String player : new String[] {"ann", "bob", "cat"}) {
            assertThat(client.deposit(partner[1], player, "50.00", "USD").status()).isEqualTo(200);
        }
        assertThat(client.grantTokens(partner[0], "cat", "DICE_TOKEN", "3", "cat-dice").status()).isEqualTo(200);
        assertThat(client.bet(partner[1], "bob", "1.00", "USD", "bob-before").status()).isEqualTo(200);
        Campaigns.awaitSegment(jdbc, partner[0], "NEW", 3, WAIT);
        // ClickHouse keeps whole seconds: the bet before must be a second older than the deliveries.
        Thread.sleep(1_100);

        String campaignId = Campaigns.scheduled(client, partner[0], Campaigns.tokenGrant("Stats week", "NEW", "5"));
        assertThat(Campaigns.awaitPaid(jdbc, campaignId, 3, WAIT)).isEqualTo(3);
        assertThat(client.bet(partner[1], "ann", "2.00", "USD", "ann-after-1").status()).isEqualTo(200);
        assertThat(client.bet(partner[1], "ann", "3.00", "USD", "ann-after-2").status()).isEqualTo(200);
        Reply play = client.post(partner[1], "/api/v1/wallets/cat/plays", "{\"game\":\"DICE\",\"config_id\":\"dice-7\","
                + "\"stake\":{\"token_type\":\"DICE_TOKEN\",\"amount\":\"1\"},\"rewards\":[{\"asset\":\"CC_COIN\",\"amount\":\"5\"}],"
                + "\"outcome\":{\"result\":\"WIN\"},\"transaction_id_partner\":\"cat-play\",\"event_id\":\"" + UUID.randomUUID() + "\"}");
        assertThat(play.status()).as(play.raw()).isEqualTo(200);
        awaitSink();

        Reply stats = client.admin("GET", "/admin/v1/partners/" + partner[0] + "/campaigns/" + campaignId + "/stats", null);
        assertThat(stats.status()).as(stats.raw()).isEqualTo(200);
        assertThat(stats.body().path("within_days").asInt()).isEqualTo(7);
        assertThat(stats.body().path("delivered").asLong()).isEqualTo(3);
        assertThat(stats.body().path("played").asLong()).isEqualTo(2);
        assertThat(stats.body().path("turnover").toString()).isEqualTo("[{\"asset\":\"DICE_TOKEN\",\"players\":1,\"stakes\":\"1\",\"bets\":1},"
                + "{\"asset\":\"USD\",\"players\":1,\"stakes\":\"5.00\",\"bets\":2}]");
        assertThat(stats.body().has("redeemed")).as("redeemed is for coupon issues only").isFalse();

        Reply support = client.send("GET", "/admin/v1/partners/" + partner[0] + "/campaigns/" + campaignId + "/stats?within_days=1", null,
                "X-Admin-Key", client.newAdminKey("Stats Support", "support")[1]);
        assertThat(support.status()).as(support.raw()).isEqualTo(200);
        assertThat(client.admin("GET", "/admin/v1/partners/" + partner[0] + "/campaigns/" + campaignId + "/stats?within_days=91", null)
                .text("field")).isEqualTo("within_days");
        assertThat(client.admin("GET", "/admin/v1/partners/" + partner[0] + "/campaigns/cmp_0000000000000000/stats", null).text("type"))
                .endsWith("/unknown-campaign");
    }

    /**
     * Four players get the coupon: ann had redeemed it before her delivery (not counted, and her
     * one use is spent), bob and cat redeem it after theirs, dan never does. No money moved on
     * delivery, yet all four are delivered; a redemption is no stake, so nobody played.
     */
    @Test
    void aCouponIssueCountsItsDeliveriesAndThePlayersWhoThenRedeemedTheCoupon() throws Exception {
        String[] partner = client.newPartner();
        Reply coupon = client.admin("POST", "/admin/v1/partners/" + partner[0] + "/coupons", "{\"code\":\"WELCOME10\",\"kind\":\"fixed\","
                + "\"asset\":\"USD\",\"amount\":\"10.00\",\"expires_at\":\"" + Instant.now().plus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS)
                + "\",\"usage_limit\":100,\"per_player_limit\":1}");
        assertThat(coupon.status()).as(coupon.raw()).isEqualTo(201);
        for (String player : new String[] {"ann", "bob", "cat", "dan"}) {
            assertThat(client.deposit(partner[1], player, "50.00", "USD").status()).isEqualTo(200);
        }
        assertThat(redeem(partner[1], "ann").status()).isEqualTo(201);
        Campaigns.awaitSegment(jdbc, partner[0], "NEW", 4, WAIT);
        // ClickHouse keeps whole seconds: the redemption before must be a second older than the deliveries.
        Thread.sleep(1_100);

        String campaignId = Campaigns.scheduled(client, partner[0], Campaigns.couponIssue("Coupon week", "NEW", "welcome10"));
        assertThat(Campaigns.awaitDelivered(jdbc, partner[0], campaignId, 4, WAIT)).isEqualTo(4);
        assertThat(redeem(partner[1], "bob").status()).isEqualTo(201);
        assertThat(redeem(partner[1], "cat").status()).isEqualTo(201);
        awaitSink();

        Reply stats = client.admin("GET", "/admin/v1/partners/" + partner[0] + "/campaigns/" + campaignId + "/stats", null);
        assertThat(stats.status()).as(stats.raw()).isEqualTo(200);
        assertThat(stats.body().path("delivered").asLong()).isEqualTo(4);
        assertThat(stats.body().path("redeemed").asLong()).isEqualTo(2);
        assertThat(stats.body().path("played").asLong()).isZero();
        assertThat(stats.body().path("turnover").toString()).isEqualTo("[]");
    }

    private Reply redeem(String apiKey, String player) {
        return client.post(apiKey, "/api/v1/players/" + player + "/coupon-redemptions", "{\"code\":\"WELCOME10\",\"transaction_id_partner\":\""
                + player + "-redeems\"}");
    }

    /** The sink has written every event stored so far: wallets', campaigns' and coupons' alike. */
    private void awaitSink() throws InterruptedException {
        long last = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (positions.position(TrackingGroups.ANALYTICS_SINK) < last && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(positions.position(TrackingGroups.ANALYTICS_SINK)).as("the sink wrote the partner's events").isGreaterThanOrEqualTo(last);
    }
}
