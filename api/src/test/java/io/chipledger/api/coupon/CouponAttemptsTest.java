package io.chipledger.api.coupon;

import static io.chipledger.api.coupon.CouponAdminTest.fixed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chipledger.api.LedgerApiTest;
import io.chipledger.api.LedgerClient.Reply;
import io.chipledger.api.security.RateLimits;
import io.chipledger.core.wallet.WalletId;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The brute-force guard of redemption (issue 20): failed attempts are limited per player and per key, before any look-up. */
class CouponAttemptsTest extends LedgerApiTest {

    @Autowired
    private RateLimits limits;

    private Reply redeem(String apiKey, String player, String code, String key) {
        return client.post(apiKey, "/api/v1/players/" + player + "/coupon-redemptions",
                "{\"code\":\"" + code + "\",\"transaction_id_partner\":\"" + key + "\"}");
    }

    @Test
    void aPlayerWhoFailedTenTimesIsRefusedEvenARightCodeAndOthersAreNot() {
        String[] partner = client.newPartner();
        client.admin("POST", "/admin/v1/partners/" + partner[0] + "/coupons", fixed("RIGHT-CODE", "1.00", 100, 1));
        for (int guess = 0; guess < CouponAttempts.FAILURES_PER_PLAYER; guess++) {
            Reply wrong = redeem(partner[1], "mallory", "GUESS-" + guess, "guess-" + guess);
            assertThat(wrong.status()).isEqualTo(404);
        }

        Reply limited = redeem(partner[1], "mallory", "RIGHT-CODE", "right-1");

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.text("type")).endsWith("/coupon-attempts-limited");
        assertThat(Long.parseLong(limited.retryAfter())).isBetween(1L, 90L);
        assertThat(eventsOf("coupon:" + partner[0] + ":RIGHT-CODE", "coupon.CouponRedeemedEvent")).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM idempotency_key WHERE partner_id = ?", Long.class, partner[0])).isZero();
        assertThat(redeem(partner[1], "honest", "RIGHT-CODE", "right-2").status()).isEqualTo(201);
    }

    @Test
    void aRetryOfAKeyWithAnOutcomeIsAnsweredFromItWhateverThePlayerGuessedSince() {
        String[] partner = client.newPartner();
        client.admin("POST", "/admin/v1/partners/" + partner[0] + "/coupons", fixed("KEPT-CODE", "1.00", 100, 1));
        Reply first = redeem(partner[1], "forgetful", "KEPT-CODE", "kept-1");
        assertThat(first.status()).as(first.raw()).isEqualTo(201);
        for (int guess = 0; guess < CouponAttempts.FAILURES_PER_PLAYER; guess++) {
            assertThat(redeem(partner[1], "forgetful", "GUESS-" + guess, "kept-guess-" + guess).status()).isEqualTo(404);
        }

        Reply retried = redeem(partner[1], "forgetful", "KEPT-CODE", "kept-1");

        assertThat(retried.status()).as(retried.raw()).isEqualTo(200);
        assertThat(retried.replayed()).isTrue();
        assertThat(redeem(partner[1], "forgetful", "KEPT-CODE", "kept-2").status()).as("a new attempt is still limited").isEqualTo(429);
    }

    @Test
    void successesCountNothingSoAPlayerMayRedeemManyCoupons() {
        String[] partner = client.newPartner();
        for (int coupon = 0; coupon < CouponAttempts.FAILURES_PER_PLAYER + 2; coupon++) {
            client.admin("POST", "/admin/v1/partners/" + partner[0] + "/coupons", fixed("GIFT-" + coupon, "1.00", 100, 1));
            assertThat(redeem(partner[1], "loyal", "GIFT-" + coupon, "gift-" + coupon).status()).isEqualTo(201);
        }
    }

    /** Per key, on a small limit: the real one (1,000 in 15 minutes) is the same buckets with another capacity. */
    @Test
    void aKeyThatFailedItsLimitIsRefusedForEveryPlayerAndAGivenBackAttemptCountsNothing() {
        CouponAttempts attempts = new CouponAttempts(limits, 10, 3);
        String key = "k_" + UUID.randomUUID();
        attempts.begin(key, new WalletId("p_guard", "a")).guessedNothing();
        attempts.begin(key, new WalletId("p_guard", "b"));
        attempts.begin(key, new WalletId("p_guard", "c"));
        attempts.begin(key, new WalletId("p_guard", "d"));

        assertThatThrownBy(() -> attempts.begin(key, new WalletId("p_guard", "e")))
                .isInstanceOfSatisfying(CouponAttemptsLimitedException.class, limited -> assertThat(limited.retryAfterSeconds()).isPositive());
        // The player's bucket was given back when the key's refused: "e" has failed nothing.
        CouponAttempts playersOnly = new CouponAttempts(limits, 10, 1_000);
        String otherKey = "k_" + UUID.randomUUID();
        for (int attempt = 0; attempt < 10; attempt++) {
            playersOnly.begin(otherKey, new WalletId("p_guard", "e"));
        }
        assertThatThrownBy(() -> playersOnly.begin(otherKey, new WalletId("p_guard", "e"))).isInstanceOf(CouponAttemptsLimitedException.class);
    }
}
