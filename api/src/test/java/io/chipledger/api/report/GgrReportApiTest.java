package io.chipledger.api.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chipledger.api.LedgerApiTest;
import io.chipledger.api.projection.ProjectionPositions;
import io.chipledger.api.projection.TrackingGroups;
import io.chipledger.api.LedgerClient.Reply;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The GGR report over HTTP, from real commands through the ClickHouse sink: a partner sees its
 * own figures only, staff see any partner's, CSV says the same as JSON, and bad input is a clear
 * 400 that reads nothing (issue 14). Needs a real ClickHouse (scripts/test.sh starts one).
 */
class GgrReportApiTest extends LedgerApiTest {

    @Autowired
    private ProjectionPositions positions;

    private static final String TODAY = LocalDate.now(ZoneOffset.UTC).toString();
    private static final String TOMORROW = LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();

    @Test
    void aPartnerSeesItsOwnRevenueAndStaffSeeAnyPartners() throws Exception {
        String[] partner = client.newPartner("wallet:read", "wallet:write", "reports:read");
        String[] other = client.newPartner("wallet:read", "wallet:write", "reports:read");
        client.deposit(partner[1], "gina", "100.00", "USD");
        client.bet(partner[1], "gina", "10.00", "USD", "g-bet-1");
        client.bet(partner[1], "gina", "4.00", "USD", "g-bet-2");
        client.post(partner[1], "/api/v1/wallets/gina/wins", "{\"amount\":\"25.00\",\"currency\":\"USD\",\"game_id\":\"slots\","
                + "\"round_id\":\"round-g-bet-1\",\"transaction_id_partner\":\"g-win-1\"}");
        client.post(partner[1], "/api/v1/wallets/gina/rollbacks", "{\"transaction_id_partner\":\"g-rb-1\","
                + "\"rolled_back_transaction_id_partner\":\"g-bet-2\"}");
        client.deposit(other[1], "otis", "50.00", "USD");
        client.bet(other[1], "otis", "7.00", "USD", "o-bet-1");

        awaitSink(partner[0], other[0]);
        String query = "?from=" + TODAY + "&to=" + TOMORROW + "&group_by=currency";
        JsonNode own = client.get(partner[1], "/api/v1/reports/ggr" + query).body();
        Reply csv = client.send("GET", "/api/v1/reports/ggr" + query, null, "X-Api-Key", partner[1], "Accept", "text/csv");
        JsonNode othersSeenByStaff = client.admin("GET", "/admin/v1/reports/ggr" + query + "&partner_id=" + other[0], null).body();

        assertThat(own.path("lines").get(0).toString()).isEqualTo("{\"partner_id\":\"" + partner[0] + "\","
                + "\"currency\":\"USD\",\"bets\":\"10.00\",\"wins\":\"25.00\",\"ggr\":\"-15.00\",\"bonuses\":\"0.00\",\"ngr\":\"-15.00\"}");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.raw()).isEqualTo("partner_id,day,game_id,currency,bets,wins,ggr,bonuses,ngr\r\n"
                + partner[0] + ",,,USD,10.00,25.00,-15.00,0.00,-15.00\r\n");
        assertThat(othersSeenByStaff.path("lines").get(0).path("ggr").asText()).isEqualTo("7.00");
        assertThat(own.path("written_through_position").asLong()).as("the report says how far its figures go")
                .isGreaterThanOrEqualTo(jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry WHERE aggregate_identifier = ?",
                        Long.class, partner[0] + ":gina"));
        assertThat(own.path("events_behind").asLong()).isNotNegative();
        assertThat(othersSeenByStaff.path("lines").get(0).path("partner_id").asText()).isEqualTo(other[0]);
    }

    /** The sink has written every event of these partners' wallets. */
    private void awaitSink(String... partnerIds) throws InterruptedException {
        long last = 0;
        for (String partnerId : partnerIds) {
            last = Math.max(last, jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry WHERE aggregate_identifier LIKE ?",
                    Long.class, partnerId + ":%"));
        }
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
        while (positions.position(TrackingGroups.ANALYTICS_SINK) < last && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(positions.position(TrackingGroups.ANALYTICS_SINK)).as("the sink wrote the partners' events").isGreaterThanOrEqualTo(last);
    }

    @Test
    void aKeyWithoutReportsReadAndAStaffRoleWithoutReportsAreRefused() {
        String[] walletOnly = client.newPartner();
        String[] support = client.newAdminKey("support-desk", "support");

        Reply partnerRefused = client.get(walletOnly[1], "/api/v1/reports/ggr?from=" + TODAY + "&to=" + TOMORROW);
        Reply staffRefused = client.send("GET", "/admin/v1/reports/ggr?from=" + TODAY + "&to=" + TOMORROW, null, "X-Admin-Key", support[1]);

        assertThat(partnerRefused.status()).isEqualTo(403);
        assertThat(partnerRefused.text("type")).endsWith("/missing-scope");
        assertThat(staffRefused.status()).isEqualTo(403);
        assertThat(staffRefused.text("type")).endsWith("/missing-role");
    }

    @Test
    void badInputIsAClear400EvenWhenCsvIsAsked() {
        String[] partner = client.newPartner("reports:read");
        String[][] cases = {
                {"?to=" + TOMORROW, "from"},
                {"?from=2026-13-01&to=" + TOMORROW, "from"},
                {"?from=" + TOMORROW + "&to=" + TODAY, "to"},
                {"?from=" + TODAY + "&to=" + TODAY, "to"},
                {"?from=2024-01-01&to=2025-06-01", "to"},
                {"?from=1900-01-01&to=" + TODAY, "from"},
                {"?from=" + TODAY + "&to=" + TOMORROW + "&group_by=week", "group_by"},
                {"?from=" + TODAY + "&to=" + TOMORROW + "&group_by=DAY", "group_by"}};
        for (String[] bad : cases) {
            Reply json = client.get(partner[1], "/api/v1/reports/ggr" + bad[0]);
            Reply csv = client.send("GET", "/api/v1/reports/ggr" + bad[0], null, "X-Api-Key", partner[1], "Accept", "text/csv");

            assertThat(json.status()).as(bad[0] + " " + json.raw()).isEqualTo(400);
            assertThat(json.text("field")).as(bad[0]).isEqualTo(bad[1]);
            assertThat(csv.status()).as(bad[0]).isEqualTo(400);
            assertThat(csv.contentType()).as(bad[0]).startsWith("application/problem+json");
        }
        Reply unknownPartner = client.admin("GET", "/admin/v1/reports/ggr?from=" + TODAY + "&to=" + TOMORROW + "&partner_id=p_0000000000000000",
                null);
        Reply xml = client.send("GET", "/api/v1/reports/ggr?from=" + TODAY + "&to=" + TOMORROW, null, "X-Api-Key", partner[1],
                "Accept", "application/xml");
        Reply csvOfAWallet = client.send("GET", "/api/v1/wallets/nobody", null, "X-Api-Key", client.newPartner()[1], "Accept", "text/csv");
        assertThat(unknownPartner.status()).isEqualTo(404);
        assertThat(xml.status()).isEqualTo(406);
        assertThat(csvOfAWallet.status()).as("CSV only where a report offers it").isEqualTo(406);
    }
}
