package io.chipledger.api.coupon;

import static org.assertj.core.api.Assertions.assertThat;

import io.chipledger.api.LedgerApiTest;
import io.chipledger.api.LedgerClient.Reply;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/** Marketing staff create, list, show and disable a partner's coupons (issue 20). */
class CouponAdminTest extends LedgerApiTest {

    static final String IN_A_WEEK = Instant.now().plus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();

    static String fixed(String code, String amount, int usageLimit, int perPlayerLimit) {
        return "{\"code\":\"" + code + "\",\"kind\":\"fixed\",\"asset\":\"USD\",\"amount\":\"" + amount + "\",\"expires_at\":\"" + IN_A_WEEK
                + "\",\"usage_limit\":" + usageLimit + ",\"per_player_limit\":" + perPlayerLimit + "}";
    }

    @Test
    void aCouponIsCreatedOncePerCodeWhateverItsCaseListedShownAndDisabledWithAReason() {
        String[] partner = client.newPartner();
        String coupons = "/admin/v1/partners/" + partner[0] + "/coupons";

        Reply created = client.admin("POST", coupons, fixed("welcome10", "10.00", 100, 1));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.text("code")).isEqualTo("WELCOME10");
        assertThat(created.body().path("reward").path("kind").asText()).isEqualTo("fixed");
        assertThat(created.body().path("reward").path("amount").asText()).isEqualTo("10.00");
        assertThat(created.text("status")).isEqualTo("active");
        assertThat(created.body().path("uses").asInt()).isZero();

        Reply taken = client.admin("POST", coupons, fixed("Welcome10", "5.00", 10, 1));
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.text("type")).endsWith("/coupon-code-taken");

        client.admin("POST", coupons, "{\"code\":\"SPINS-25\",\"kind\":\"free_spins\",\"game_id\":\"book-of-ra\",\"count\":25,"
                + "\"expires_at\":\"" + IN_A_WEEK + "\",\"usage_limit\":10}");
        client.admin("POST", coupons, "{\"code\":\"COINS_5\",\"kind\":\"bonus_token\",\"asset\":\"CC_COIN\",\"amount\":\"5\","
                + "\"expires_at\":\"" + IN_A_WEEK + "\",\"usage_limit\":10,\"segment\":\"VIP\"}");
        Reply firstPage = client.admin("GET", coupons + "?limit=2", null);
        assertThat(firstPage.body().path("coupons")).extracting(coupon -> coupon.path("code").asText()).containsExactly("COINS_5", "SPINS-25");
        Reply lastPage = client.admin("GET", coupons + "?limit=2&cursor=" + firstPage.text("next_cursor"), null);
        assertThat(lastPage.body().path("coupons")).extracting(coupon -> coupon.path("code").asText()).containsExactly("WELCOME10");
        assertThat(lastPage.body().hasNonNull("next_cursor")).isFalse();

        Reply disabled = client.admin("POST", coupons + "/welcome10/disable", "{\"reason\":\"leaked on a forum\"}");
        assertThat(disabled.status()).isEqualTo(200);
        assertThat(disabled.text("status")).isEqualTo("disabled");
        assertThat(disabled.text("disabled_reason")).isEqualTo("leaked on a forum");
        assertThat(disabled.text("disabled_by")).startsWith("admin-key:");
        Reply again = client.admin("POST", coupons + "/WELCOME10/disable", "{\"reason\":\"again\"}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.text("type")).endsWith("/status-conflict");
        assertThat(eventsOf("coupon:" + partner[0] + ":WELCOME10", "coupon.CouponDisabledEvent")).isEqualTo(1);

        Reply shown = client.admin("GET", coupons + "/Welcome10", null);
        assertThat(shown.body().path("coupon").path("status").asText()).isEqualTo("disabled");
        assertThat(shown.body().path("redemptions")).isEmpty();
    }

    @Test
    void eachTermIsCheckedBeforeAnythingIsStored() {
        String[] partner = client.newPartner();
        String coupons = "/admin/v1/partners/" + partner[0] + "/coupons";
        assertRefused(client.admin("POST", coupons, fixed("ab", "10.00", 100, 1)), "code");
        assertRefused(client.admin("POST", coupons, fixed("HAS SPACE", "10.00", 100, 1)), "code");
        assertRefused(client.admin("POST", coupons, fixed("GOODCODE", "10.00", 0, 1)), "usage_limit");
        assertRefused(client.admin("POST", coupons, fixed("GOODCODE", "10.00", 100_001, 1)), "usage_limit");
        assertRefused(client.admin("POST", coupons, fixed("GOODCODE", "10.00", 100, 101)), "per_player_limit");
        assertRefused(client.admin("POST", coupons, fixed("GOODCODE", "10.00", 100, 1).replace(IN_A_WEEK, "2020-01-01T00:00:00Z")),
                "expires_at");
        assertRefused(client.admin("POST", coupons, fixed("GOODCODE", "10.00", 100, 1).replace("\"USD\"", "\"CC_COIN\"")), "asset");
        assertRefused(client.admin("POST", coupons, "{\"code\":\"GOODCODE\",\"kind\":\"free_spins\",\"game_id\":\"slots\",\"count\":1001,"
                + "\"expires_at\":\"" + IN_A_WEEK + "\",\"usage_limit\":10}"), "count");
        assertRefused(client.admin("POST", coupons, "{\"code\":\"GOODCODE\",\"kind\":\"free_spins\",\"game_id\":\"slots\",\"count\":5,"
                + "\"amount\":\"1.00\",\"expires_at\":\"" + IN_A_WEEK + "\",\"usage_limit\":10}"), "amount");
        assertRefused(client.admin("POST", coupons, "{\"code\":\"GOODCODE\",\"kind\":\"percentage\",\"asset\":\"USD\","
                + "\"percent_basis_points\":1000,\"window_days\":7,\"cap\":\"5.00\",\"expires_at\":\"" + IN_A_WEEK + "\",\"usage_limit\":10,"
                + "\"per_player_limit\":2}"), "per_player_limit");
        assertRefused(client.admin("POST", coupons, "{\"code\":\"GOODCODE\",\"kind\":\"percentage\",\"asset\":\"USD\","
                + "\"percent_basis_points\":10001,\"window_days\":7,\"cap\":\"5.00\",\"expires_at\":\"" + IN_A_WEEK + "\",\"usage_limit\":10}"),
                "percent_basis_points");
        assertRefused(client.admin("POST", coupons, "{\"code\":\"GOODCODE\",\"kind\":\"percentage\",\"asset\":\"USD\","
                + "\"percent_basis_points\":1000,\"window_days\":91,\"cap\":\"5.00\",\"expires_at\":\"" + IN_A_WEEK + "\",\"usage_limit\":10}"),
                "window_days");
        Reply tooPrecise = client.admin("POST", coupons, fixed("GOODCODE", "10.001", 100, 1));
        assertThat(tooPrecise.status()).isEqualTo(400);
        assertThat(tooPrecise.text("type")).endsWith("/invalid-amount");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM coupon WHERE partner_id = ?", Long.class, partner[0])).isZero();
    }

    @Test
    void supportReadsButOnlyMarketingAndOpsWriteAndAnotherPartnersCouponIsUnknown() {
        String[] partner = client.newPartner();
        String[] other = client.newPartner();
        String coupons = "/admin/v1/partners/" + partner[0] + "/coupons";
        String support = client.newAdminKey("support desk", "support")[1];
        String marketing = client.newAdminKey("campaigns", "marketing")[1];

        assertThat(client.send("POST", coupons, fixed("MKT-1", "1.00", 5, 1), "X-Admin-Key", marketing).status()).isEqualTo(201);
        Reply refused = client.send("POST", coupons, fixed("SUP-1", "1.00", 5, 1), "X-Admin-Key", support);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.text("type")).endsWith("/missing-role");
        assertThat(client.send("GET", coupons + "/MKT-1", null, "X-Admin-Key", support).status()).isEqualTo(200);
        Reply otherPartners = client.admin("GET", "/admin/v1/partners/" + other[0] + "/coupons/MKT-1", null);
        assertThat(otherPartners.status()).isEqualTo(404);
        assertThat(otherPartners.text("type")).endsWith("/unknown-coupon");
    }

    private static void assertRefused(Reply reply, String field) {
        assertThat(reply.status()).as(reply.raw()).isEqualTo(400);
        assertThat(reply.text("field")).as(reply.raw()).isEqualTo(field);
    }
}
