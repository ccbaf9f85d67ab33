package io.chipledger.api.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.chipledger.api.LedgerApiTest;
import io.chipledger.api.LedgerClient.Reply;
import io.chipledger.api.LedgerProperties;
import io.chipledger.api.admin.AdminCommands;
import io.chipledger.api.partner.KnownPartners;
import io.chipledger.api.projection.DeadLetters;
import io.chipledger.api.projection.ProjectionPositions;
import io.chipledger.api.wallet.WalletCommands.Origin;
import io.chipledger.core.settlement.CommissionPart;
import io.chipledger.core.settlement.SettlementLine;
import io.chipledger.projections.settlement.SettlementStatementProjection;
import io.chipledger.projections.settlement.SettlementStatementProjection.StatementView;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Settlement statements (issue 14) on real PostgreSQL and ClickHouse: figures computed by hand,
 * a commission rate changed inside the period included; a period is issued once; a correction
 * replaces a statement once.
 */
class SettlementTest extends LedgerApiTest {

    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    @Autowired
    private KnownPartners partners;
    @Autowired
    private SettlementStatementProjection statements;
    @Autowired
    private CommissionRates rates;
    @Autowired
    private SettlementFigures figures;
    @Autowired
    private AdminCommands commands;
    @Autowired
    private ProjectionPositions positions;
    @Autowired
    private DeadLetters deadLetters;
    @Autowired
    private io.chipledger.api.report.AnalyticsReads reads;
    @Autowired
    private TransactionTemplate transactions;
    @Autowired
    private Clock clock;
    @Autowired
    private LedgerProperties properties;

    /**
     * At 5%: bets 10.10, a win of 4.05, GGR 6.05, commission 0.3025, rounded half to even 0.30. The
     * rate then becomes 10%: a bet of 20.10 and one of 3.00 rolled back, GGR 20.10, commission 2.01.
     * The statement: bets 30.20, wins 4.05, GGR 26.15, NGR 26.15, commission 2.31, in two parts.
     */
    @Test
    void aStatementSplitsTheCommissionAtTheRateChangeAndAPeriodIsIssuedOnce() throws Exception {
        String[] partner = client.newPartner();
        client.deposit(partner[1], "sam", "100.00", "USD");
        client.bet(partner[1], "sam", "10.10", "USD", "s-bet-1");
        client.post(partner[1], "/api/v1/wallets/sam/wins", "{\"amount\":\"4.05\",\"currency\":\"USD\",\"game_id\":\"slots\","
                + "\"round_id\":\"round-s-bet-1\",\"transaction_id_partner\":\"s-win-1\"}");
        Thread.sleep(1_100); // a rate applies from the second it changed in: the bets before it are in an earlier second
        assertThat(client.admin("PATCH", "/admin/v1/partners/" + partner[0], "{\"commission_rate\":\"0.10\"}").status()).isEqualTo(200);
        client.bet(partner[1], "sam", "20.10", "USD", "s-bet-2");
        client.bet(partner[1], "sam", "3.00", "USD", "s-bet-3");
        client.post(partner[1], "/api/v1/wallets/sam/rollbacks", "{\"transaction_id_partner\":\"s-rb-1\","
                + "\"rolled_back_transaction_id_partner\":\"s-bet-3\"}");
        // Two days on, today has ended and can be settled.
        Settlements later = new Settlements(partners, statements, rates, figures, commands, positions, deadLetters, reads, jdbc, transactions,
                Clock.offset(clock, Duration.ofDays(2)), properties);
        SettlementRequest request = new SettlementRequest(partner[0], TODAY.toString(), TODAY.plusDays(1).toString(), null);
        Origin origin = new Origin(partner[0], "admin:settlement-test", null, null);

        StatementView issued = issueOnceComplete(later, origin, request);

        assertThat(issued.lines()).hasSize(1);
        SettlementLine usd = issued.lines().get(0);
        assertThat(new long[] {usd.betsMinor(), usd.winsMinor(), usd.ggrMinor(), usd.bonusesMinor(), usd.ngrMinor(), usd.commissionMinor()})
                .containsExactly(3_020, 405, 2_615, 0, 2_615, 231);
        assertThat(usd.commissionParts()).extracting(CommissionPart::rateBasisPoints, CommissionPart::ggrMinor, CommissionPart::commissionMinor)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(500, 605L, 30L), org.assertj.core.groups.Tuple.tuple(1_000, 2_010L, 201L));
        assertThat(issued.issuedBy()).isEqualTo("admin:settlement-test");
        assertThatThrownBy(() -> later.issue(origin, request)).isInstanceOf(SettlementRefusedException.class)
                .hasFieldOrPropertyWithValue("type", "settlement-period-overlaps");
        assertThatThrownBy(() -> later.issue(origin, new SettlementRequest(partner[0], TODAY.minusDays(3).toString(),
                TODAY.plusDays(1).toString(), null))).isInstanceOf(SettlementRefusedException.class);
        JsonNode read = client.admin("GET", "/admin/v1/settlements/" + issued.statementId(), null).body();
        assertThat(read.path("lines").get(0).path("commission").asText()).isEqualTo("2.31");
        assertThat(read.path("lines").get(0).path("commission_parts").get(0).path("commission_rate").asText()).isEqualTo("0.0500");
    }

    /** Over HTTP: issue a past period, read it as JSON and CSV, refuse it twice, correct it once, and refuse correcting the old one. */
    @Test
    void staffIssueReadAndCorrectAStatementOverHttp() {
        String[] partner = client.newPartner();
        String body = "{\"partner_id\":\"" + partner[0] + "\",\"from\":\"2026-01-01\",\"to\":\"2026-02-01\"}";

        Reply issued = issueWhenComplete(body);
        Reply again = client.admin("POST", "/admin/v1/settlements", body);
        String id = issued.text("statement_id");
        Reply csv = client.admin("GET", "/admin/v1/settlements/" + id, null, "Accept", "text/csv");
        Reply corrected = client.admin("POST", "/admin/v1/settlements", body.replace("}", ",\"corrects\":\"" + id + "\"}"));
        Reply correctedTwice = client.admin("POST", "/admin/v1/settlements", body.replace("}", ",\"corrects\":\"" + id + "\"}"));
        Reply old = client.admin("GET", "/admin/v1/settlements/" + id, null);

        assertThat(issued.status()).as(issued.raw()).isEqualTo(201);
        assertThat(id).isEqualTo("st_" + partner[0] + "_2026-01-01_2026-02-01");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.text("type")).endsWith("/settlement-period-overlaps");
        assertThat(again.body().path("statements").get(0).asText()).isEqualTo(id);
        assertThat(csv.raw()).isEqualTo("statement_id,partner_id,from,to,currency,bets,wins,ggr,bonuses,ngr,commission\r\n");
        assertThat(corrected.status()).as(corrected.raw()).isEqualTo(201);
        assertThat(corrected.text("statement_id")).isEqualTo(id + "_r1");
        assertThat(corrected.text("corrects")).isEqualTo(id);
        assertThat(correctedTwice.status()).isEqualTo(409);
        assertThat(correctedTwice.text("type")).endsWith("/settlement-superseded");
        assertThat(old.text("superseded_by")).isEqualTo(id + "_r1");
    }

    @Test
    void badRequestsAreClearAndIssueNothing() {
        String[] partner = client.newPartner();
        String[][] cases = {
                {"{\"from\":\"2026-01-01\",\"to\":\"2026-02-01\"}", "400", "partner_id"},
                {"{\"partner_id\":\"" + partner[0] + "\",\"from\":\"2026-02-01\",\"to\":\"2026-01-01\"}", "400", "to"},
                {"{\"partner_id\":\"" + partner[0] + "\",\"from\":\"" + TODAY + "\",\"to\":\"" + TODAY.plusDays(1) + "\"}", "400", "to"},
                {"{\"partner_id\":\"" + partner[0] + "\",\"from\":\"2026-01-01\",\"to\":\"2026-02-01\",\"corrects\":\"st_nothing\"}", "400", "corrects"},
                {"{\"partner_id\":\"" + partner[0] + "\",\"from\":\"2026-01-01\",\"to\":\"2026-02-01\",\"corrects\":\"\"}", "400", "corrects"},
                {"{\"partner_id\":\"" + partner[0] + "\",\"from\":\"2026-01-01\",\"to\":\"2026-02-01\",\"corrects\":\"st_" + partner[0]
                        + "_2026-01-01_2026-02-01\"}", "404", null},
                {"{\"partner_id\":\"p_1' OR '1'='1\",\"from\":\"2026-01-01\",\"to\":\"2026-02-01\"}", "400", "partner_id"},
                {"{\"partner_id\":\"p_\\u0000\",\"from\":\"2026-01-01\",\"to\":\"2026-02-01\"}", "400", null},
                {"{\"partner_id\":\"\",\"from\":\"2026-01-01\",\"to\":\"2026-02-01\"}", "400", "partner_id"},
                {"{\"partner_id\":\"p_0000000000000000\",\"from\":\"2026-01-01\",\"to\":\"2026-02-01\"}", "404", null}};
        for (String[] bad : cases) {
            Reply refused = client.admin("POST", "/admin/v1/settlements", bad[0]);

            assertThat(refused.status()).as(bad[0] + " " + refused.raw()).isEqualTo(Integer.parseInt(bad[1]));
            if (bad[2] != null) {
                assertThat(refused.text("field")).isEqualTo(bad[2]);
            }
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM settlement_statement WHERE partner_id = ?", Long.class, partner[0])).isZero();
        String[] support = client.newAdminKey("support-settlements", "support");
        Reply notSupport = client.send("GET", "/admin/v1/settlements/st_x", null, "X-Admin-Key", support[1]);
        assertThat(notSupport.status()).isEqualTo(403);
        assertThat(client.admin("GET", "/admin/v1/settlements/st_x", null).status()).isEqualTo(400);
        assertThat(client.admin("GET", "/admin/v1/settlements/st_p_0000000000000000_2026-01-01_2026-02-01", null).status()).isEqualTo(404);
    }

    private Reply issueWhenComplete(String body) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Reply reply = client.admin("POST", "/admin/v1/settlements", body);
        while (reply.status() == 503 && System.nanoTime() < deadline) {
            reply = client.admin("POST", "/admin/v1/settlements", body);
        }
        return reply;
    }

    private static StatementView issueOnceComplete(Settlements settlements, Origin origin, SettlementRequest request) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                return settlements.issue(origin, request);
            } catch (AnalyticsBehindException behind) {
                if (System.nanoTime() > deadline) {
                    throw behind;
                }
                Thread.sleep(100);
            }
        }
    }
}
