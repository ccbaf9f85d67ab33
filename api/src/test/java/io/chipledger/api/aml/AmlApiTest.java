package io.chipledger.api.aml;

import static io.chipledger.api.LedgerClient.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chipledger.api.LedgerApiTest;
import io.chipledger.api.LedgerClient.Reply;
import io.chipledger.projections.aml.AmlEngineProjection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The AML engine and the investigators' API (issue 15) on real PostgreSQL: an alert raised from a
 * movement, the workflow's allowed and refused steps with their actors, filters and partner
 * isolation, the profile, a rescan that raises nothing unless asked, a replay that gives the same
 * profiles and no new alert, and a wallet that goes on while the engine is stopped.
 */
class AmlApiTest extends LedgerApiTest {

    @Autowired
    private EventProcessingConfiguration processing;
    @Autowired
    private org.axonframework.eventsourcing.eventstore.EventStore events;
    @Autowired
    private io.chipledger.projections.aml.AmlSettings settings;
    @Autowired
    private io.chipledger.projections.aml.AmlAlertProjection raisedAlerts;

    private JsonNode alertsOf(String partnerId, String query, int atLeast) {
        Reply reply = eventually(() -> client.admin("GET", "/admin/v1/aml/alerts?partner_id=" + partnerId + query, null),
                answer -> answer.status() == 200 && answer.body().get("alerts").size() >= atLeast);
        assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
        return reply.body().get("alerts");
    }

    private JsonNode profile(String partnerId, String player) {
        Reply reply = client.admin("GET", "/admin/v1/aml/players/" + player + "?partner_id=" + partnerId, null);
        assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
        return reply.body();
    }

    @Test
    void aLargeDepositRaisesAnAlertThatInvestigatorsWorkThrough() {
        String[] partner = client.newPartner();
        String[] investigator = client.newAdminKey("investigator", "aml");
        assertThat(client.deposit(partner[1], "amy", "15000.00", "USD").status()).isEqualTo(200);

        JsonNode alert = alertsOf(partner[0], "", 1).get(0);
        assertThat(alert.get("type").asText()).isEqualTo("large_transaction");
        assertThat(alert.get("severity").asText()).as("40 points: the least alert score").isEqualTo("LOW");
        assertThat(alert.get("score").asInt()).isEqualTo(40);
        assertThat(alert.get("status").asText()).isEqualTo("NEW");
        assertThat(alert.get("raised_by").asText()).isEqualTo("system:aml-engine");
        String path = "/admin/v1/aml/alerts/" + alert.get("alert_id").asText();

        Reply closeTooEarly = client.send("POST", path + "/status", "{\"status\":\"CLOSED\",\"reason\":\"fine\"}", "X-Admin-Key", investigator[1]);
        assertThat(closeTooEarly.status()).isEqualTo(409);
        assertThat(closeTooEarly.text("type")).endsWith("status-conflict");
        assertThat(client.send("POST", path + "/status", "{\"status\":\"NEW\"}", "X-Admin-Key", investigator[1]).status()).isEqualTo(400);
        assertThat(client.send("POST", path + "/assignment", "{\"assignee\":\"kim\"}", "X-Admin-Key", investigator[1]).status())
                .isEqualTo(200);
        assertThat(client.send("POST", path + "/status", "{\"status\":\"INVESTIGATING\"}", "X-Admin-Key", investigator[1]).status())
                .isEqualTo(200);
        assertThat(client.send("POST", path + "/status", "{\"status\":\"INVESTIGATING\"}", "X-Admin-Key", investigator[1]).status())
                .as("INVESTIGATING twice").isEqualTo(409);
        assertThat(client.send("POST", path + "/status", "{\"status\":\"REPORTED\"}", "X-Admin-Key", investigator[1]).status())
                .as("a report without its reference").isEqualTo(400);
        assertThat(client.send("POST", path + "/status", "{\"status\":\"REPORTED\",\"report_reference\":\"STR-42\"}", "X-Admin-Key",
                investigator[1]).status()).isEqualTo(200);
        assertThat(client.send("POST", path + "/status", "{\"status\":\"CLOSED\",\"reason\":\"late\"}", "X-Admin-Key", investigator[1])
                .status()).as("REPORTED is final").isEqualTo(409);
        assertThat(client.send("POST", path + "/assignment", "{\"assignee\":\"lee\"}", "X-Admin-Key", investigator[1]).status())
                .as("a final alert is not reassigned").isEqualTo(409);
        assertThat(client.send("POST", path + "/notes", "{\"note\":\"filed with the FIU\"}", "X-Admin-Key", investigator[1]).status())
                .as("notes in any status").isEqualTo(201);

        Reply detail = client.send("GET", path, null, "X-Admin-Key", investigator[1]);
        assertThat(detail.body().get("alert").get("status").asText()).isEqualTo("REPORTED");
        assertThat(detail.body().get("alert").get("report_reference").asText()).isEqualTo("STR-42");
        assertThat(detail.body().get("alert").get("assignee").asText()).isEqualTo("kim");
        List<String> steps = detail.body().get("steps").findValuesAsText("step");
        assertThat(steps).containsExactly("raised", "assigned", "investigation_started", "reported", "note");
        assertThat(detail.body().get("steps").get(1).get("actor").asText()).isEqualTo("admin-key:" + investigator[0]);

        JsonNode amy = profile(partner[0], "amy");
        assertThat(amy.get("score").asInt()).as("0 x 0.7 + 40 x 0.3").isEqualTo(12);
        assertThat(amy.get("risk_level").asText()).isEqualTo("low");
        assertThat(amy.get("last_7_days").get("deposits").get(0).get("amount").asText()).isEqualTo("15000.00");
        assertThat(amy.get("factors").get(0).get("factor").asText()).isEqualTo("large_transaction");
        assertThat(amy.get("factors").get(0).get("count").asInt()).isEqualTo(1);
    }

    @Test
    void filtersKeepToOnePartnerAndAnInvestigatorsOwnAlertsCount() {
        String[] first = client.newPartner();
        String[] second = client.newPartner();
        client.deposit(first[1], "bo", "20000.00", "USD");
        client.deposit(second[1], "bo", "20000.00", "USD");
        Reply manual = client.admin("POST", "/admin/v1/aml/alerts", "{\"partner_id\":\"" + first[0] + "\",\"player_id\":\"cy\","
                + "\"type\":\"sanctions_hit\",\"severity\":\"CRITICAL\",\"score\":95,\"note\":\"list match\"}");
        assertThat(manual.status()).as(manual.raw()).isEqualTo(201);
        assertThat(manual.body().get("steps").findValuesAsText("step")).containsExactly("raised", "note");

        JsonNode firsts = alertsOf(first[0], "", 2);
        assertThat(firsts).hasSize(2);
        assertThat(firsts.findValuesAsText("partner_id")).containsOnly(first[0]);
        assertThat(alertsOf(first[0], "&severity=CRITICAL", 1).findValuesAsText("player_id")).containsExactly("cy");
        assertThat(alertsOf(first[0], "&player_id=bo", 1).findValuesAsText("type")).containsExactly("large_transaction");
        assertThat(alertsOf(first[0], "&status=CLOSED", 0)).isEmpty();
        String later = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
        assertThat(alertsOf(first[0], "&from=" + later, 0)).isEmpty();
        Reply page = client.admin("GET", "/admin/v1/aml/alerts?partner_id=" + first[0] + "&limit=1", null);
        Reply next = client.admin("GET", "/admin/v1/aml/alerts?partner_id=" + first[0] + "&limit=1&cursor="
                + page.text("next_cursor"), null);
        assertThat(next.body().get("alerts").get(0).get("alert_id")).isNotEqualTo(page.body().get("alerts").get(0).get("alert_id"));
        assertThat(next.body().path("next_cursor").isMissingNode() || next.body().path("next_cursor").isNull()).as("the last page").isTrue();

        assertThat(client.admin("GET", "/admin/v1/aml/alerts?player_id=bo", null).status()).as("a player without a partner")
                .isEqualTo(400);
        assertThat(client.admin("GET", "/admin/v1/aml/alerts?status=open", null).status()).isEqualTo(400);
        assertThat(client.admin("GET", "/admin/v1/aml/alerts?partner_id=" + first[0] + "&cursor=aml:nope", null).status()).isEqualTo(400);
        assertThat(client.admin("GET", "/admin/v1/aml/players/cy?partner_id=" + second[0], null).status())
                .as("no profile of another partner's player").isEqualTo(404);
        assertThat(client.admin("GET", "/admin/v1/aml/alerts/aml:manual:unknown", null).status()).isEqualTo(404);
        String[] support = client.newAdminKey("support only", "support");
        assertThat(client.send("GET", "/admin/v1/aml/alerts?partner_id=" + first[0], null, "X-Admin-Key", support[1]).status())
                .as("the aml role is needed").isEqualTo(403);
    }

    @Test
    void aRescanReportsWhatWouldBeRaisedAndRaisesNothingUnlessAsked() {
        String[] partner = client.newPartner();
        client.deposit(partner[1], "dee", "30000.00", "USD");
        alertsOf(partner[0], "", 1);
        long alertsBefore = alerts(partner[0]);
        Instant from = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        String body = "{\"partner_id\":\"" + partner[0] + "\",\"from\":\"" + from + "\",\"to\":\"" + from.plus(2, ChronoUnit.HOURS) + "\"}";

        Reply rescan = client.admin("POST", "/admin/v1/aml/rescan", body);

        assertThat(rescan.status()).as(rescan.raw()).isEqualTo(200);
        assertThat(rescan.body().get("alerts").asLong()).isEqualTo(1);
        assertThat(rescan.body().get("raised_already").asLong()).isEqualTo(1);
        assertThat(rescan.body().get("raised_now").asLong()).isZero();
        assertThat(rescan.body().get("listed").get(0).get("type").asText()).isEqualTo("large_transaction");
        assertThat(alerts(partner[0])).isEqualTo(alertsBefore);
        assertThat(client.admin("POST", "/admin/v1/aml/rescan", body.replace("}", ",\"raise\":true}")).body().get("raised_now").asLong())
                .as("raised already: nothing to raise").isZero();
        assertThat(client.admin("POST", "/admin/v1/aml/rescan", "{\"from\":\"" + from + "\",\"to\":\"" + from.plus(40, ChronoUnit.DAYS)
                + "\"}").status()).as("over 31 days").isEqualTo(400);
    }

    /** A lower threshold found what the current one did not: the backtest reports it, and raises it once, only when asked. */
    @Test
    void aRescanWithNewThresholdsRaisesWhatTheyFindOnlyWhenAsked() {
        String[] partner = client.newPartner();
        client.deposit(partner[1], "hal", "500.00", "USD");
        awaitEngineIdle();
        assertThat(alerts(partner[0])).as("500.00 is not large at 10,000.00").isZero();
        io.chipledger.projections.aml.AmlThresholds now = settings.thresholds();
        io.chipledger.projections.aml.AmlThresholds lower = new io.chipledger.projections.aml.AmlThresholds(Map.of("USD", 10_000L),
                now.zScoreMax(), now.standardDeviationMinMinor(), now.reportingThresholdMinor(), now.justUnderShare(),
                now.structuringCountMin(), now.structuringWindow(), now.frequencyMultiple(), now.frequencyCountMin(),
                now.unusualTimeHistoryMin(), now.unusualTimeShareMax(), now.timeZone(), now.rapidMovementShare(),
                now.rapidMovementPlayShareMax(), now.highRiskCountries(), now.alertScores());
        AmlRescan rescan = new AmlRescan(events, new io.chipledger.projections.aml.AmlSettings(lower, settings.currencies(),
                settings.catchUpBusyPercent()), raisedAlerts, jdbc);
        Instant from = Instant.now().minus(1, ChronoUnit.HOURS);

        AmlRescan.Outcome backtest = rescan.rescan(partner[0], from, from.plus(2, ChronoUnit.HOURS), false);

        assertThat(backtest.alerts()).isEqualTo(1);
        assertThat(backtest.raisedAlready()).isZero();
        assertThat(backtest.enqueued()).isZero();
        assertThat(backtest.wouldRaise().get(0).alert().type()).isEqualTo("large_transaction");
        assertThat(alerts(partner[0])).as("a backtest raises nothing").isZero();

        assertThat(rescan.rescan(partner[0], from, from.plus(2, ChronoUnit.HOURS), true).enqueued()).isEqualTo(1);
        assertThat(alertsOf(partner[0], "", 1).get(0).get("type").asText()).isEqualTo("large_transaction");
        awaitEngineIdle();
        assertThat(rescan.rescan(partner[0], from, from.plus(2, ChronoUnit.HOURS), true).enqueued()).as("raised once").isZero();
        assertThat(alerts(partner[0])).isEqualTo(1);
    }

    @Test
    void aReplayGivesTheSameProfilesAndRaisesNoNewAlert() {
        String[] partner = client.newPartner();
        client.deposit(partner[1], "eve", "12000.00", "USD");
        client.bet(partner[1], "eve", "50.00", "USD", "eve-bet-1");
        client.post(partner[1], "/api/v1/wallets/eve/withdrawals", "{\"amount\":\"11000.00\",\"currency\":\"USD\","
                + "\"transaction_id_partner\":\"eve-out-1\"}");
        alertsOf(partner[0], "", 2);
        awaitEngineIdle();
        List<Map<String, Object>> before = profiles(partner[0]);
        long alertsBefore = alerts(partner[0]);

        assertThat(client.admin("POST", "/admin/v1/projections/" + AmlEngineProjection.GROUP + "/rebuild", null).status()).isEqualTo(202);
        eventually(() -> client.admin("GET", "/admin/v1/aml/players/eve?partner_id=" + partner[0], null), reply -> reply.status() == 200);
        awaitEngineIdle();

        assertThat(profiles(partner[0])).isEqualTo(before);
        assertThat(alerts(partner[0])).isEqualTo(alertsBefore);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM aml_alert_outbox WHERE alert_id LIKE ?", Long.class,
                "aml:" + partner[0] + ":%")).as("the replay's decisions found raised").isZero();
    }

    @Test
    void theWalletGoesOnWhileTheEngineIsStoppedAndTheEngineCatchesUp() {
        String[] partner = client.newPartner();
        StreamingEventProcessor engine = processing.eventProcessor(AmlEngineProjection.GROUP, StreamingEventProcessor.class).orElseThrow();
        engine.shutDown();
        try {
            for (int i = 0; i < 20; i++) {
                assertThat(client.deposit(partner[1], "fay", "100.00", "USD").status()).isEqualTo(200);
            }
            assertThat(client.admin("GET", "/admin/v1/aml/players/fay?partner_id=" + partner[0], null).status()).isEqualTo(404);
        } finally {
            engine.start();
        }
        Reply caughtUp = eventually(() -> client.admin("GET", "/admin/v1/aml/players/fay?partner_id=" + partner[0], null),
                reply -> reply.status() == 200 && reply.body().get("transactions_scored").asInt() == 20);
        assertThat(caughtUp.body().get("transactions_scored").asInt()).isEqualTo(20);
        assertThat(caughtUp.body().get("last_30_days").get("deposits").get(0).get("amount").asText()).isEqualTo("2000.00");
    }

    /** The red team's finds (issue 15), each a kind: a refunded bet counted as play, ids, lengths and bounds read loosely. */
    @Test
    void aRolledBackBetIsNoPlayAndInputIsReadStrictly() {
        String[] partner = client.newPartner();
        assertThat(client.post(partner[1], "/api/v1/players/gus/activities", "{\"event_type\":\"LOGIN\",\"event_id\":\""
                + java.util.UUID.randomUUID() + "\",\"meta\":{\"country\":\"KP\"}}").status()).isBetween(200, 201);
        client.deposit(partner[1], "gus", "1000.00", "USD");
        client.bet(partner[1], "gus", "500.00", "USD", "gus-bet-1");
        client.post(partner[1], "/api/v1/wallets/gus/rollbacks", "{\"transaction_id_partner\":\"gus-rb-1\","
                + "\"rolled_back_transaction_id_partner\":\"gus-bet-1\"}");
        client.post(partner[1], "/api/v1/wallets/gus/withdrawals", "{\"amount\":\"950.00\",\"currency\":\"USD\","
                + "\"transaction_id_partner\":\"gus-out-1\"}");
        JsonNode rapid = alertsOf(partner[0], "&player_id=gus", 1).get(0);
        assertThat(rapid.get("type").asText()).as("the refunded stake was never played: 30 + 30 (KP) + 10").isEqualTo("rapid_movement");
        assertThat(rapid.get("score").asInt()).isEqualTo(70);
        String path = "/admin/v1/aml/alerts/" + rapid.get("alert_id").asText();
        Instant raisedAt = Instant.parse(rapid.get("raised_at").asText());
        assertThat(alertsOf(partner[0], "&to=" + raisedAt.plusNanos(100), 1)).as("to a tenth of a microsecond after it").hasSize(1);
        assertThat(alertsOf(partner[0], "&from=" + raisedAt.plusNanos(100), 0)).as("from a tenth of a microsecond after it").isEmpty();

        assertThat(client.admin("GET", "/admin/v1/aml/alerts/%09x", null).status()).as("not an alert id").isEqualTo(400);
        Reply longId = client.admin("GET", "/admin/v1/aml/alerts/aml:" + "a".repeat(2_000), null);
        assertThat(longId.status()).isEqualTo(400);
        assertThat(longId.text("detail")).as("the id is not echoed").doesNotContain("aaaa");
        assertThat(client.admin("POST", path + "/status", "{\"status\":\"INVESTIGATING\",\"reason\":\"r\"}").status())
                .as("a reason only goes with CLOSED").isEqualTo(400);
        assertThat(client.admin("POST", path + "/notes", "{\"note\":\"" + "\uD83D\uDE00".repeat(2_000) + "\"}").status())
                .as("2,000 emoji are 2,000 characters").isEqualTo(201);
        client.admin("POST", path + "/assignment", "{\"assignee\":\"kim\"}");
        Reply again = client.admin("POST", path + "/assignment", "{\"assignee\":\"kim\"}");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().get("steps").findValuesAsText("step")).as("the same assignee again records nothing")
                .containsOnlyOnce("assigned");

        String raise = "{\"partner_id\":\"" + partner[0] + "\",\"player_id\":\"gus\",\"type\":\"tip_off\",\"severity\":\"LOW\"}";
        Reply first = client.admin("POST", "/admin/v1/aml/alerts", raise, "Idempotency-Key", "tip-1");
        Reply retry = client.admin("POST", "/admin/v1/aml/alerts", raise, "Idempotency-Key", "tip-1");
        assertThat(retry.body().get("alert").get("alert_id")).isEqualTo(first.body().get("alert").get("alert_id"));
        assertThat(client.admin("POST", "/admin/v1/aml/alerts", raise.replace("LOW", "HIGH"), "Idempotency-Key", "tip-1").status())
                .isEqualTo(409);
        long before = alerts(partner[0]);
        Reply reserved = client.admin("POST", "/admin/v1/aml/alerts", raise, "Idempotency-Key", "activity:x");
        assertThat(reserved.status()).as("the key grammar of every other Idempotency-Key, reserved prefixes included").isEqualTo(400);
        assertThat(alerts(partner[0])).isEqualTo(before);
        assertThat(profile(partner[0], "gus").get("rules_skipped").get(0).asText())
                .isEqualTo("frequency_spike: history of 0 days is shorter than 7");
    }

    private long alerts(String partnerId) {
        return jdbc.queryForObject("SELECT count(*) FROM aml_alert WHERE partner_id = ?", Long.class, partnerId);
    }

    private List<Map<String, Object>> profiles(String partnerId) {
        List<Map<String, Object>> rows = new java.util.ArrayList<>(jdbc.queryForList("SELECT player_id, score, risk_level, first_seen_at, "
                + "last_activity_at, country, login_country, scored, factors::text FROM aml_player_profile WHERE partner_id = ? "
                + "ORDER BY player_id", partnerId));
        rows.addAll(jdbc.queryForList("SELECT player_id, at, kind, currency, amount_minor, transaction_id FROM aml_movement "
                + "WHERE partner_id = ? ORDER BY player_id, at, transaction_id", partnerId));
        return rows;
    }

    private void awaitEngineIdle() {
        long head = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        eventually(() -> new Reply(engineCaughtUp(head) ? 200 : 0, null, null, false, null, null), reply -> reply.status() == 200);
        eventually(() -> new Reply(jdbc.queryForObject("SELECT count(*) FROM aml_alert_outbox", Long.class) == 0 ? 200 : 0, null, null,
                false, null, null), reply -> reply.status() == 200);
    }

    private boolean engineCaughtUp(long head) {
        Reply status = client.admin("GET", "/admin/v1/projections", null);
        for (JsonNode projection : status.body()) {
            if (projection.get("name").asText().equals(AmlEngineProjection.GROUP)) {
                return projection.get("position").asLong() >= head && !projection.get("replaying").asBoolean();
            }
        }
        return false;
    }
}
