package io.chipledger.api.coupon;

import static io.chipledger.api.coupon.CouponAdminTest.IN_A_WEEK;
import static io.chipledger.api.coupon.CouponAdminTest.fixed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chipledger.api.LedgerApiTest;
import io.chipledger.api.LedgerClient;
import io.chipledger.api.LedgerClient.Reply;
import io.chipledger.api.wallet.WalletCommands.Origin;
import io.chipledger.core.ledger.RuleViolation;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Players redeem coupons (issue 20): the use and the credit from the promo account are one step, each rule is checked. */
class CouponRedemptionTest extends LedgerApiTest {

    @Autowired
    private CouponRedemptions redemptions;
    @Autowired
    private Clock clock;

    private Reply create(String partnerId, String body) {
        Reply created = client.admin("POST", "/admin/v1/partners/" + partnerId + "/coupons", body);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return created;
    }

    private Reply redeem(String apiKey, String player, String code, String key) {
        return client.post(apiKey, "/api/v1/players/" + player + "/coupon-redemptions",
                "{\"code\":\"" + code + "\",\"transaction_id_partner\":\"" + key + "\"}");
    }

    private long redeemed(String partnerId, String code) {
        return eventsOf("coupon:" + partnerId + ":" + code, "coupon.CouponRedeemedEvent");
    }

    @Test
    void aFixedCouponCreditsThePlayerFromThePromoAccountAndARetryAnswersTheSame() {
        String[] partner = client.newPartner();
        create(partner[0], fixed("WELCOME10", "10.00", 100, 1));

        Reply first = redeem(partner[1], "amy", "welcome10", "redeem-1");
        assertThat(first.status()).as(first.raw()).isEqualTo(201);
        assertThat(first.text("code")).isEqualTo("WELCOME10");
        assertThat(first.body().path("credited").path("amount").asText()).isEqualTo("10.00");
        assertThat(first.body().path("balances").path("USD").path("available").asText()).isEqualTo("10.00");
        assertThat(first.body().path("use_number").asInt()).isEqualTo(1);
        assertThat(first.body().path("position").asLong()).isPositive();

        Reply retry = redeem(partner[1], "amy", "welcome10", "redeem-1");
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.replayed()).isTrue();
        assertThat(retry.raw()).isEqualTo(first.raw());
        assertThat(redeemed(partner[0], "WELCOME10")).isEqualTo(1);
        assertThat(eventCount(partner[0], "amy", "wallet.RewardReceivedEvent")).isEqualTo(1);

        Reply otherBody = redeem(partner[1], "amy", "OTHER-CODE", "redeem-1");
        assertThat(otherBody.status()).isEqualTo(409);
        assertThat(otherBody.text("type")).endsWith("/idempotency-key-reused");
        Reply otherPlayer = redeem(partner[1], "ann", "welcome10", "redeem-1");
        assertThat(otherPlayer.status()).isEqualTo(409);

        Reply promo = LedgerClient.eventually(() -> client.admin("GET", "/admin/v1/partners/" + partner[0] + "/system-accounts", null),
                reply -> reply.body().size() == 1 && reply.body().get(0).path("balance").asText().equals("-10.00"));
        assertThat(promo.body().get(0).path("account").asText()).isEqualTo("system:promo");
        Reply shown = client.admin("GET", "/admin/v1/partners/" + partner[0] + "/coupons/WELCOME10", null);
        assertThat(shown.body().path("coupon").path("uses").asInt()).isEqualTo(1);
        assertThat(shown.body().path("redemptions").get(0).path("player_id").asText()).isEqualTo("amy");
        assertThat(shown.body().path("redemptions").get(0).path("credited_amount").asText()).isEqualTo("10.00");
    }

    @Test
    void aCodeNobodyHasAndAnotherPartnersCodeGetTheSameAnswer() {
        String[] partner = client.newPartner();
        String[] other = client.newPartner();
        create(other[0], fixed("THEIRS-1", "10.00", 100, 1));

        Reply nobodys = redeem(partner[1], "amy", "NOBODYS-1", "r-1");
        Reply theirs = redeem(partner[1], "amy", "THEIRS-1", "r-2");

        assertThat(theirs.status()).isEqualTo(404).isEqualTo(nobodys.status());
        assertThat(theirs.text("type")).endsWith("/unknown-coupon");
        ObjectNode withoutInstance = theirs.body().deepCopy();
        withoutInstance.remove("instance");
        ObjectNode expected = nobodys.body().deepCopy();
        expected.remove("instance");
        assertThat(withoutInstance).isEqualTo(expected);
        assertThat(redeemed(other[0], "THEIRS-1")).isZero();
    }

    @Test
    void eachRuleIsCheckedAndARefusalStoresNothing() {
        String[] partner = client.newPartner();
        create(partner[0], fixed("ONCE-EACH", "1.00", 2, 1));
        assertThat(redeem(partner[1], "bea", "ONCE-EACH", "r-1").status()).isEqualTo(201);
        Reply twice = redeem(partner[1], "bea", "ONCE-EACH", "r-2");
        assertThat(twice.status()).isEqualTo(422);
        assertThat(twice.text("type")).endsWith("/coupon-player-limit");
        assertThat(redeem(partner[1], "cid", "ONCE-EACH", "r-3").status()).isEqualTo(201);
        Reply usedUp = redeem(partner[1], "dan", "ONCE-EACH", "r-4");
        assertThat(usedUp.status()).isEqualTo(422);
        assertThat(usedUp.text("type")).endsWith("/coupon-used-up");
        assertThat(redeemed(partner[0], "ONCE-EACH")).isEqualTo(2);

        create(partner[0], fixed("TWICE-EACH", "1.00", 100, 2));
        assertThat(redeem(partner[1], "bea", "TWICE-EACH", "r-5").status()).isEqualTo(201);
        assertThat(redeem(partner[1], "bea", "TWICE-EACH", "r-6").body().path("player_use_number").asInt()).isEqualTo(2);
        assertThat(redeem(partner[1], "bea", "TWICE-EACH", "r-7").text("type")).endsWith("/coupon-player-limit");

        create(partner[0], fixed("PULLED", "1.00", 100, 1));
        client.admin("POST", "/admin/v1/partners/" + partner[0] + "/coupons/PULLED/disable", "{\"reason\":\"mistake\"}");
        Reply disabled = redeem(partner[1], "bea", "PULLED", "r-8");
        assertThat(disabled.status()).isEqualTo(409);
        assertThat(disabled.text("type")).endsWith("/coupon-disabled");
        assertThat(redeemed(partner[0], "PULLED")).isZero();
        assertThat(eventCount(partner[0], "dan")).isZero();
    }

    /** The chain is all or nothing: the wallet refuses the credit, so the coupon's use it decided is not stored either. */
    @Test
    void aFrozenWalletRefusesTheCreditAndTheUseIsNotCounted() {
        String[] partner = client.newPartner();
        create(partner[0], fixed("FROZEN-OUT", "5.00", 1, 1));
        client.deposit(partner[1], "ice", "1.00", "USD");
        assertThat(client.admin("POST", "/admin/v1/partners/" + partner[0] + "/wallets/ice/freeze", "{\"reason\":\"aml review\"}",
                "Idempotency-Key", "freeze-1").status()).isEqualTo(200);

        Reply frozen = redeem(partner[1], "ice", "FROZEN-OUT", "r-1");

        assertThat(frozen.status()).isEqualTo(423);
        assertThat(frozen.text("type")).endsWith("/wallet-frozen");
        assertThat(redeemed(partner[0], "FROZEN-OUT")).isZero();
        assertThat(redeem(partner[1], "sun", "FROZEN-OUT", "r-2").status()).isEqualTo(201);
    }

    /** Expiry on a controlled clock: the same service, an hour past the coupon's expiry. */
    @Test
    void aCouponIsRefusedFromItsExpiryOn() {
        String[] partner = client.newPartner();
        String inAnHour = clock.instant().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
        create(partner[0], fixed("SOON", "1.00", 100, 1).replace(IN_A_WEEK, inAnHour));
        Origin origin = new Origin(partner[0], "api-key:expiry-test", null, null);
        CouponRequests.RedemptionRequest request = new CouponRequests.RedemptionRequest("soon", "r-late");

        assertThatThrownBy(() -> redemptions.at(Clock.offset(clock, Duration.ofHours(2))).redeem(origin, "expiry-test", "eve", null, request))
                .isInstanceOfSatisfying(RuleViolation.class, refused -> assertThat(refused.rule()).isEqualTo(RuleViolation.Rule.COUPON_EXPIRED));
        assertThat(redeemed(partner[0], "SOON")).isZero();
        assertThat(redemptions.at(Clock.offset(clock, Duration.ofMinutes(59))).redeem(origin, "expiry-test", "eve", null, request)
                .getStatusCode().value()).isEqualTo(201);
    }

    @Test
    void freeSpinsMoveNoMoneyTheRedemptionIsTheEntitlement() {
        String[] partner = client.newPartner();
        create(partner[0], "{\"code\":\"SPINS-25\",\"kind\":\"free_spins\",\"game_id\":\"book-of-ra\",\"count\":25,"
                + "\"expires_at\":\"" + IN_A_WEEK + "\",\"usage_limit\":10}");

        Reply spins = redeem(partner[1], "fay", "spins-25", "r-1");

        assertThat(spins.status()).as(spins.raw()).isEqualTo(201);
        assertThat(spins.body().path("reward").path("game_id").asText()).isEqualTo("book-of-ra");
        assertThat(spins.body().path("reward").path("count").asInt()).isEqualTo(25);
        assertThat(spins.body().hasNonNull("credited")).isFalse();
        assertThat(spins.body().hasNonNull("balances")).isFalse();
        assertThat(redeemed(partner[0], "SPINS-25")).isEqualTo(1);
        assertThat(eventCount(partner[0], "fay")).isZero();
        assertThat(redeem(partner[1], "fay", "spins-25", "r-1").raw()).isEqualTo(spins.raw());
    }

    @Test
    void aSegmentCouponIsForThePlayersOfThatSegmentOnly() {
        String[] partner = client.newPartner();
        create(partner[0], "{\"code\":\"VIP-COINS\",\"kind\":\"bonus_token\",\"asset\":\"CC_COIN\",\"amount\":\"50\","
                + "\"expires_at\":\"" + IN_A_WEEK + "\",\"usage_limit\":10,\"segment\":\"VIP\"}");
        client.deposit(partner[1], "vic", "10000.00", "USD");
        client.deposit(partner[1], "ned", "10.00", "USD");
        LedgerClient.eventually(() -> client.get(partner[1], "/api/v1/players/vic/segment"), reply -> "VIP".equals(reply.text("segment")));
        LedgerClient.eventually(() -> client.get(partner[1], "/api/v1/players/ned/segment"), reply -> reply.status() == 200);

        Reply outsider = redeem(partner[1], "ned", "VIP-COINS", "r-1");
        assertThat(outsider.status()).isEqualTo(422);
        assertThat(outsider.text("type")).endsWith("/player-not-in-coupon-segment");
        Reply vip = redeem(partner[1], "vic", "VIP-COINS", "r-2");
        assertThat(vip.status()).as(vip.raw()).isEqualTo(201);
        assertThat(vip.body().path("balances").path("CC_COIN").path("available").asText()).isEqualTo("50");
        assertThat(jdbc.queryForObject("SELECT segment FROM coupon_redemption WHERE partner_id = ? AND code = 'VIP-COINS'", String.class,
                partner[0])).isEqualTo("VIP");
    }

    /** Two uses left, 20 players at once for the last: exactly one wins, and what the promo account paid is what the wallets got. */
    @Test
    void theLastUseRacedByTwentyClientsGoesToExactlyOne() throws Exception {
        String[] partner = client.newPartner();
        create(partner[0], fixed("LAST-ONE", "2.50", 3, 1));
        assertThat(redeem(partner[1], "early-1", "LAST-ONE", "early-1").status()).isEqualTo(201);
        assertThat(redeem(partner[1], "early-2", "LAST-ONE", "early-2").status()).isEqualTo(201);
        AtomicInteger players = new AtomicInteger();

        List<Reply> replies = concurrently(20, () -> {
            String player = "racer-" + players.incrementAndGet();
            return redeem(partner[1], player, "LAST-ONE", "race-" + player);
        });

        assertThat(replies).filteredOn(reply -> reply.status() == 201).hasSize(1)
                .allSatisfy(winner -> assertThat(winner.body().path("balances").path("USD").path("available").asText()).isEqualTo("2.50"));
        assertThat(replies).filteredOn(reply -> reply.status() == 422).hasSize(19)
                .allSatisfy(reply -> assertThat(reply.text("type")).endsWith("/coupon-used-up"));
        assertThat(redeemed(partner[0], "LAST-ONE")).isEqualTo(3);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier LIKE ? "
                + "AND payload_type = 'wallet.RewardReceivedEvent'", Long.class, partner[0] + ":%")).isEqualTo(3);
        LedgerClient.eventually(() -> client.admin("GET", "/admin/v1/partners/" + partner[0] + "/system-accounts", null),
                reply -> reply.body().size() == 1 && reply.body().get(0).path("balance").asText().equals("-7.50"));
        assertThat(client.admin("GET", "/admin/v1/partners/" + partner[0] + "/coupons/LAST-ONE", null).body().path("coupon").path("uses")
                .asInt()).isEqualTo(3);
    }
}
