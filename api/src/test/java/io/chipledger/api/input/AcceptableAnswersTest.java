package io.chipledger.api.input;

import static org.assertj.core.api.Assertions.assertThat;

import io.chipledger.api.LedgerApiTest;
import io.chipledger.api.LedgerClient;
import io.chipledger.api.LedgerClient.Reply;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A request whose {@code Accept} allows no JSON answer is refused before anything is done: it was
 * answered 406 after the deposit, the withdrawal or the partner had been recorded.
 */
class AcceptableAnswersTest extends LedgerApiTest {

    private static final String DEPOSIT = "{\"amount\":\"5.00\",\"currency\":\"USD\",\"transaction_id_partner\":\"acc-1\"}";

    @ParameterizedTest
    @ValueSource(strings = {"application/xml", "text/html", "text/plain;q=1", "application/problem+json", "not a media type",
            "text/html, application/json;q=0", "*/*;q=0", "application/*;q=0", "image/png, */*;q=0",
            "application/json;q=0, application/problem+json;q=0", "application/json; charset=utf-16",
            "application/json; charset=iso-8859-1", "*/*; charset=windows-1252",
            "application/json; charset=bogus", "text/csv"})
    void aCommandThatCannotBeAnsweredInJsonIsRefusedAndStoresNothing(String accept) {
        String[] partner = client.newPartner();

        Reply refused = client.send("POST", "/api/v1/wallets/gus/deposits", DEPOSIT, "X-API-Key", partner[1], "Accept", accept);
        Reply later = client.post(partner[1], "/api/v1/wallets/gus/deposits", DEPOSIT);

        assertThat(refused.status()).isEqualTo(406);
        assertThat(eventCount(partner[0], "gus", "wallet.FundsDepositedEvent")).isEqualTo(1);
        assertThat(later.status()).isEqualTo(200);
        assertThat(later.replayed()).as("the key was still free").isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "*/*", "application/*", "text/html, application/json;q=0.1",
            "*/*, text/html;q=0", "application/json, */*;q=0", "application/json; charset=UTF-8", "application/json;charset=\"utf-8\"",
            "application/json, application/json; charset=utf-32"})
    void anyAcceptThatAllowsJsonIsAnswered(String accept) {
        String[] partner = client.newPartner();

        Reply answered = client.send("POST", "/api/v1/wallets/gus/deposits", DEPOSIT, "X-API-Key", partner[1], "Accept", accept);

        assertThat(answered.status()).isEqualTo(200);
    }

    @Test
    void aRevocationAnsweringNoBodyServesACallerThatTakesProblemsOnly() {
        String[] key = client.newAdminKey("Revoked By A Generated Client", "support");

        Reply revoked = client.send("DELETE", "/admin/v1/admin-keys/" + key[0], null, "X-Admin-Key", LedgerClient.ADMIN_KEY,
                "Accept", "application/problem+json");
        Reply refused = client.send("DELETE", "/admin/v1/admin-keys/" + key[0], null, "X-Admin-Key", LedgerClient.ADMIN_KEY,
                "Accept", "text/html");

        assertThat(revoked.status()).isEqualTo(204);
        assertThat(client.send("GET", "/admin/v1/partners", null, "X-Admin-Key", key[1]).status()).as("the key is revoked").isEqualTo(401);
        assertThat(refused.status()).isEqualTo(406);
    }

    /**
     * Accept sent as two lines is one list, as HTTP says: a second line that refuses JSON or does not
     * parse refuses before anything is recorded (the first line alone was checked, and the deposit
     * was recorded and then answered 406).
     */
    @ParameterizedTest
    @ValueSource(strings = {"garbage", "application/json;q=0", "text/csv;q=abc"})
    void aSecondAcceptLineCountsBeforeAnythingIsDone(String secondLine) {
        String[] partner = client.newPartner();

        Reply refused = client.send("POST", "/api/v1/wallets/gus/deposits", DEPOSIT, "X-API-Key", partner[1], "Accept", "*/*",
                "Accept", secondLine);
        Reply later = client.post(partner[1], "/api/v1/wallets/gus/deposits", DEPOSIT);

        assertThat(refused.status()).as(refused.raw()).isEqualTo(406);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(later.replayed()).as("the key was still free").isFalse();
    }

    /** The actuator and the document negotiate for themselves: another charset is a 406 problem there too, never a 500. */
    @ParameterizedTest
    @ValueSource(strings = {"/actuator/health", "/actuator/health/readiness", "/v3/api-docs"})
    void anotherCharsetIsRefusedEverywhere(String path) {
        Reply refused = client.send("GET", path, null, "Accept", "application/json; charset=utf-16");
        Reply garbage = client.send("GET", path, null, "Accept", "garbage");

        assertThat(refused.status()).as(refused.raw()).isEqualTo(406);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(garbage.status()).isEqualTo(406);
        assertThat(garbage.contentType()).startsWith("application/problem+json");
    }

    /** A report answers JSON or CSV, in UTF-8; any other ask is a 406 problem (in JSON), never a 500 nor an empty body. */
    @ParameterizedTest
    @ValueSource(strings = {"garbage", "text/csv;q=abc", "text/csv; charset=bogus", "text/csv; charset=utf-16",
            "application/json; charset=iso-8859-1", "text/plain"})
    void aReportAskedInAnotherFormOrCharsetIs406(String accept) {
        String[] partner = client.newPartner("reports:read");

        Reply refused = client.send("GET", "/api/v1/reports/ggr?from=2026-11-01&to=2026-11-02", null, "X-API-Key", partner[1],
                "Accept", accept);

        assertThat(refused.status()).as(refused.raw()).isEqualTo(406);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.text("detail")).contains(accept.equals("text/plain") ? "text/csv" : "Accept");
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/xml", "application/json; charset=utf-16"})
    void aPartnerIsNotRegisteredWhenItsAnswerCouldNotBeGiven(String accept) {
        String name = "Accept Probe " + accept.replace('/', ' ') + " " + UUID.randomUUID().toString().substring(0, 8);
        String registration = "{\"name\":\"" + name + "\",\"type\":\"operator\",\"commission_rate\":\"0.05\","
                + "\"contact_email\":\"probe@example.com\"}";

        Reply refused = client.send("POST", "/admin/v1/partners", registration, "X-Admin-Key", LedgerClient.ADMIN_KEY, "Accept", accept);
        long registeredWhenRefused = registrationsNamed(name);
        Reply answered = client.send("POST", "/admin/v1/partners", registration, "X-Admin-Key", LedgerClient.ADMIN_KEY);

        assertThat(refused.status()).isEqualTo(406);
        assertThat(registeredWhenRefused).isZero();
        assertThat(answered.status()).isEqualTo(201);
        assertThat(registrationsNamed(name)).isEqualTo(1);
    }

    private long registrationsNamed(String name) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE payload_type = 'partner.PartnerRegisteredEvent' "
                + "AND position(convert_to(?, 'UTF8') IN payload) > 0", Long.class, name);
    }
}
