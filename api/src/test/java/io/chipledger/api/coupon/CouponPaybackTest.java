package io.chipledger.api.coupon;

import static org.assertj.core.api.Assertions.assertThat;

import io.chipledger.api.LedgerApiTest;
import io.chipledger.api.LedgerClient.Reply;
import io.chipledger.api.wallet.WalletCommands.Origin;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;

/** A percentage coupon pays back a share of the player's net losses over its window (issue 20), on a hand-made example. */
class CouponPaybackTest extends LedgerApiTest {

    @Autowired
    private CouponRedemptions redemptions;

    private static String percentage(String code, int basisPoints, String cap) {
        String inThreeDays = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        return "{\"code\":\"" + code + "\",\"kind\":\"percentage\",\"asset\":\"USD\",\"percent_basis_points\":" + basisPoints
                + ",\"window_days\":1,\"cap\":\"" + cap + "\",\"expires_at\":\"" + inThreeDays + "\",\"usage_limit\":10}";
    }

    /** When a transaction happened, as the wallet history has it once it has it (ten seconds at most). */
    private Instant occurredAt(String partnerId, String partnerTransactionId) throws InterruptedException {
        for (int attempt = 0; attempt < 100; attempt++) {
            var found = jdbc.queryForList("SELECT occurred_at FROM wallet_transaction WHERE partner_id = ? AND partner_transaction_id = ?",
                    Timestamp.class, partnerId, partnerTransactionId);
            if (!found.isEmpty()) {
                return found.get(0).toInstant();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("transaction " + partnerTransactionId + " never reached the wallet history");
    }

    /**
     * The player loses 20.00 (outside the window), then, inside it: bets 50.00 and wins 10.00 back, bets
     * 30.00 that is rolled back, bets 15.00 and loses the round, bets 10.00 in a round still open (left
     * out: it may yet be won or rolled back), and bets 40.00 EUR (another currency). Net loss in USD
     * over the window: 50 − 10 + 30 − 30 + 15 = 55.00. At 12.5% that is 6.875, paid 6.87; at 50% it is
     * 27.50, capped at 5.00.
     */
    @Test
    void aPercentagePaysBackItsShareOfTheNetLossInItsWindowRoundedDownAndCapped() throws Exception {
        String[] partner = client.newPartner();
        client.admin("POST", "/admin/v1/partners/" + partner[0] + "/coupons", percentage("PAYBACK-12", 1_250, "50.00"));
        client.admin("POST", "/admin/v1/partners/" + partner[0] + "/coupons", percentage("PAYBACK-CAP", 5_000, "5.00"));
        client.deposit(partner[1], "pat", "500.00", "USD");
        client.deposit(partner[1], "pat", "100.00", "EUR");
        client.bet(partner[1], "pat", "20.00", "USD", "old-bet");
        Instant old = occurredAt(partner[0], "old-bet");
        Thread.sleep(1_500); // the window starts between the old bet and the others
        client.bet(partner[1], "pat", "50.00", "USD", "bet-1");
        client.post(partner[1], "/api/v1/wallets/pat/wins", "{\"amount\":\"10.00\",\"currency\":\"USD\",\"game_id\":\"slots\","
                + "\"round_id\":\"round-bet-1\",\"transaction_id_partner\":\"win-1\"}");
        client.bet(partner[1], "pat", "30.00", "USD", "bet-2");
        client.post(partner[1], "/api/v1/wallets/pat/rollbacks", "{\"transaction_id_partner\":\"rb-2\","
                + "\"rolled_back_transaction_id_partner\":\"bet-2\"}");
        client.bet(partner[1], "pat", "15.00", "USD", "bet-3");
        client.post(partner[1], "/api/v1/wallets/pat/wins", "{\"amount\":\"0.00\",\"currency\":\"USD\",\"game_id\":\"slots\","
                + "\"round_id\":\"round-bet-3\",\"round_closed\":true,\"transaction_id_partner\":\"win-3\"}");
        client.bet(partner[1], "pat", "10.00", "USD", "bet-open");
        client.bet(partner[1], "pat", "40.00", "EUR", "bet-eur");
        Instant windowFrom = old.plusMillis(750);
        Clock aDayLater = Clock.fixed(windowFrom.plus(Duration.ofDays(1)), ZoneOffset.UTC);
        Origin origin = new Origin(partner[0], "api-key:payback-test", null, null);

        ResponseEntity<CouponResponses.RedemptionResponse> paid = redemptions.at(aDayLater).redeem(origin, "payback-test", "pat", null,
                new CouponRequests.RedemptionRequest("payback-12", "payback-1"));
        ResponseEntity<CouponResponses.RedemptionResponse> capped = redemptions.at(aDayLater).redeem(origin, "payback-test", "pat", null,
                new CouponRequests.RedemptionRequest("payback-cap", "payback-2"));

        assertThat(paid.getStatusCode().value()).isEqualTo(201);
        CouponResponses.Payback payback = paid.getBody().payback();
        assertThat(payback.windowFrom()).isEqualTo(windowFrom);
        assertThat(payback.windowTo()).isEqualTo(windowFrom.plus(Duration.ofDays(1)));
        assertThat(payback.netLoss()).isEqualTo("55.00");
        assertThat(payback.percentBasisPoints()).isEqualTo(1_250);
        assertThat(payback.amount()).isEqualTo("6.87");
        assertThat(paid.getBody().credited().amount()).isEqualTo("6.87");
        assertThat(capped.getBody().payback().netLoss()).isEqualTo("55.00");
        assertThat(capped.getBody().credited().amount()).isEqualTo("5.00");
        // 500 − 20 − 50 + 10 − 30 + 30 − 15 − 10 + 6.87 + 5.00
        assertThat(capped.getBody().balances().get("USD").available()).isEqualTo("426.87");
        assertThat(jdbc.queryForObject("SELECT net_loss_minor FROM coupon_redemption WHERE partner_id = ? AND code = 'PAYBACK-12'", Long.class,
                partner[0])).isEqualTo(5_500);
    }

    @Test
    void aPlayerWithNoNetLossHasNothingToBePaidBack() {
        String[] partner = client.newPartner();
        client.admin("POST", "/admin/v1/partners/" + partner[0] + "/coupons", percentage("PAYBACK-NONE", 1_000, "10.00"));
        client.deposit(partner[1], "win", "100.00", "USD");
        client.bet(partner[1], "win", "10.00", "USD", "bet-1");
        client.post(partner[1], "/api/v1/wallets/win/wins", "{\"amount\":\"25.00\",\"currency\":\"USD\",\"game_id\":\"slots\","
                + "\"round_id\":\"round-bet-1\",\"transaction_id_partner\":\"win-1\"}");

        Reply refused = client.post(partner[1], "/api/v1/players/win/coupon-redemptions",
                "{\"code\":\"PAYBACK-NONE\",\"transaction_id_partner\":\"payback-1\"}");

        assertThat(refused.status()).as(refused.raw()).isEqualTo(422);
        assertThat(refused.text("type")).endsWith("/coupon-nothing-to-pay-back");
        assertThat(refused.body().path("net_loss_minor").asLong()).isEqualTo(-1_500);
        assertThat(eventsOf("coupon:" + partner[0] + ":PAYBACK-NONE", "coupon.CouponRedeemedEvent")).isZero();
    }
}
