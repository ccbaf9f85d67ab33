package io.chipledger.api.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.chipledger.api.LedgerApiTest;
import io.chipledger.api.LedgerClient;
import io.chipledger.api.LedgerClient.Reply;
import org.junit.jupiter.api.Test;

/** A store verification started through the audit API runs in the background, shows its progress and keeps its report (issue 13). */
class AuditVerificationApiTest extends LedgerApiTest {

    @Test
    void aVerificationRunsToItsReportAndCanBeRepeated() {
        String[] partner = client.newPartner();
        client.deposit(partner[1], "gil", "10.00", "USD");
        String auditor = client.newAdminKey("Gil Auditor", "auditor")[1];

        Reply started = client.send("POST", "/audit/v1/verifications", null, "X-Admin-Key", auditor);
        String path = "/audit/v1/verifications/" + started.text("verification_id");
        Reply done = LedgerClient.eventually(() -> client.send("GET", path, null, "X-Admin-Key", auditor),
                reply -> !reply.text("status").equals("running"));

        assertThat(started.status()).as(started.raw()).isEqualTo(202);
        assertThat(started.text("requested_by")).startsWith("admin-key:");
        assertThat(done.text("status")).as(done.raw()).isEqualTo("clean");
        assertThat(done.body().path("events_checked").asLong()).isPositive()
                .isEqualTo(done.body().path("events_total").asLong());
        assertThat(done.body().path("failure_count").asLong()).isZero();
        assertThat(done.text("finished_at")).isNotNull();
        Reply again = client.send("POST", "/audit/v1/verifications", null, "X-Admin-Key", auditor);
        assertThat(again.status()).as("it only reads: it may be run again").isIn(202, 409);
    }

    /** By API as by the command line: an event's actor and a read-model balance changed are found at their wallet, then put back. */
    @Test
    void aVerificationByApiFindsAlterationsAtTheirPlace() {
        String[] partner = client.newPartner();
        client.deposit(partner[1], "ivo", "10.00", "USD");
        client.get(partner[1], "/api/v1/wallets/ivo?consistent_with=" + client.deposit(partner[1], "ivo", "1.00", "USD").text("position"));
        String wallet = partner[0] + ":ivo";
        String auditor = client.newAdminKey("Ivo Auditor", "auditor")[1];
        byte[] metaData = jdbc.queryForObject("SELECT meta_data FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = 1",
                byte[].class, wallet);
        Reply done;
        try {
            jdbc.update("UPDATE domain_event_entry SET meta_data = convert_to(replace(convert_from(meta_data, 'UTF8'), 'api-key:', "
                    + "'api-kez:'), 'UTF8') WHERE aggregate_identifier = ? AND sequence_number = 1", wallet);
            jdbc.update("UPDATE wallet_balance SET available_minor = available_minor + 1 WHERE partner_id = ? AND player_id = 'ivo'", partner[0]);
            Reply started = LedgerClient.eventually(() -> client.send("POST", "/audit/v1/verifications", null, "X-Admin-Key", auditor),
                    reply -> reply.status() == 202);
            String path = "/audit/v1/verifications/" + started.text("verification_id");
            done = LedgerClient.eventually(() -> client.send("GET", path, null, "X-Admin-Key", auditor),
                    reply -> !reply.text("status").equals("running"));
        } finally {
            jdbc.update("UPDATE domain_event_entry SET meta_data = ? WHERE aggregate_identifier = ? AND sequence_number = 1", metaData, wallet);
            jdbc.update("UPDATE wallet_balance SET available_minor = available_minor - 1 WHERE partner_id = ? AND player_id = 'ivo'", partner[0]);
        }

        assertThat(done.text("status")).as(done.raw()).isEqualTo("failures_found");
        assertThat(done.body().path("failures").findValuesAsText("check").stream().toList()).as(done.raw())
                .contains("hash chain (version 2)", "wallet_balance of USD");
        assertThat(done.body().path("failures").findValuesAsText("aggregate_id")).containsOnly(wallet);
    }

    @Test
    void anUnknownVerificationAndOtherRolesAreProblems() {
        String auditor = client.newAdminKey("Hal Auditor", "auditor")[1];

        assertThat(client.send("GET", "/audit/v1/verifications/00000000-0000-0000-0000-000000000000", null, "X-Admin-Key", auditor)
                .text("type")).endsWith("/unknown-verification");
        assertThat(client.send("GET", "/audit/v1/verifications/nope", null, "X-Admin-Key", auditor).status()).isEqualTo(400);
        assertThat(client.send("POST", "/audit/v1/verifications", null, "X-Admin-Key", client.newAdminKey("Ops", "ops")[1]).status())
                .isEqualTo(403);
    }
}
