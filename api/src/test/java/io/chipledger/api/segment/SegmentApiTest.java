package io.chipledger.api.segment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chipledger.api.LedgerApiTest;
import io.chipledger.api.activity.WalletActivityFeed;
import io.chipledger.api.LedgerClient.Reply;
import io.chipledger.api.projection.ProjectionPositions;
import io.chipledger.api.projection.Rebuilding;
import io.chipledger.projections.segment.PlayerSegmentProjection;
import io.chipledger.projections.segment.PlayerSegmentStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Players' segments follow their events and the partner's rules (issue 17): the defaults when no
 * rule matches, a rule's change segments the partner's players again and the changes say why, a
 * partner sees only its own players, and a rebuild from history gives the same segments and changes.
 */
class SegmentApiTest extends LedgerApiTest {

    @Autowired
    private ProjectionPositions positions;
    @Autowired
    private DailySegmentPass dailyPass;
    @Autowired
    private SegmentChangeRecorder recorder;
    @Autowired
    private io.chipledger.api.projection.RebuildingProjections rebuilding;

    private Reply as(String key, String method, String path, String body) {
        return client.send(method, path, body, "X-Admin-Key", key);
    }

    /** Once the activity feed has recorded what the commands make (a deposit's charge comes a moment later) and the segments have read it all. */
    private void awaitSegments() throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        long lag;
        while ((lag = positions.lag(WalletActivityFeed.GROUP) + positions.lag(PlayerSegmentProjection.GROUP)) > 0
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(lag).as("the activity feed and the segment processor caught up").isZero();
    }

    @Test
    void segmentsFollowEventsAndRulesAndTheChangesSayWhy() throws Exception {
        String[] partner = client.newPartner();
        String marketing = client.newAdminKey("Segment Marketing", "marketing")[1];
        String admin = "/admin/v1/partners/" + partner[0];
        client.deposit(partner[1], "ann", "50.00", "USD");
        client.deposit(partner[1], "bob", "10.00", "USD");
        awaitSegments();

        Reply ann = client.get(partner[1], "/api/v1/players/ann/segment");
        assertThat(ann.status()).as(ann.raw()).isEqualTo(200);
        assertThat(ann.text("segment")).as("registered today: the built-in NEW").isEqualTo("NEW");
        assertThat(ann.text("rule_id")).isEqualTo("default:NEW");

        String fortyPlus = "{\"name\":\"Forty plus\",\"segment\":\"VIP\",\"priority\":1,"
                + "\"condition\":{\"field\":\"deposit_total\",\"asset\":\"USD\",\"op\":\">=\",\"value\":\"40\"}}";
        Reply preview = as(marketing, "POST", admin + "/segment-rules/preview", fortyPlus);
        assertThat(preview.status()).as(preview.raw()).isEqualTo(200);
        assertThat(preview.body().path("players_total").asLong()).isEqualTo(2);
        assertThat(preview.body().path("matching").asLong()).isEqualTo(1);
        assertThat(preview.body().path("would_decide").asLong()).isEqualTo(1);
        assertThat(preview.body().path("players").toString()).isEqualTo("[\"ann\"]");
        assertThat(eventsOf("segment-rules:" + partner[0], "segment.SegmentRuleCreatedEvent")).as("a preview stores nothing").isZero();

        Reply rule = as(marketing, "POST", admin + "/segment-rules", fortyPlus);
        assertThat(rule.status()).as(rule.raw()).isEqualTo(201);
        awaitSegments();
        ann = client.get(partner[1], "/api/v1/players/ann/segment");
        assertThat(ann.text("segment")).isEqualTo("VIP");
        assertThat(ann.text("rule_id")).isEqualTo(rule.text("rule_id"));
        assertThat(client.get(partner[1], "/api/v1/players/bob/segment").text("segment")).isEqualTo("NEW");

        JsonNode sizes = as(marketing, "GET", admin + "/segments", null).body().path("segments");
        assertThat(sizes.toString()).contains("{\"segment\":\"NEW\",\"players\":1}", "{\"segment\":\"VIP\",\"players\":1}");
        assertThat(as(marketing, "GET", admin + "/segments/VIP/players?cursor=", null).body().at("/players/0/player_id").asText())
                .as("an empty cursor is not given").isEqualTo("ann");
        assertThat(as(marketing, "GET", admin + "/segments/VIP/players?cursor=a%20b", null).text("field")).isEqualTo("cursor");
        String disabled = fortyPlus.replace("\"priority\":1,", "\"priority\":1,\"enabled\":false,");
        assertThat(as(marketing, "POST", admin + "/segment-rules/preview", disabled).body().path("would_decide").asLong())
                .as("a disabled draft decides nothing").isZero();

        // A rename keeps ann's segment and changes the rule that decides it, at once, without a segment change.
        String decidedBefore = client.get(partner[1], "/api/v1/players/ann/segment").text("decided_at");
        assertThat(as(marketing, "PUT", admin + "/segment-rules/" + rule.text("rule_id"), fortyPlus.replace("Forty plus", "Forty or more"))
                .status()).isEqualTo(200);
        awaitSegments();
        Reply renamed = client.get(partner[1], "/api/v1/players/ann/segment");
        assertThat(renamed.text("rule_name")).isEqualTo("Forty or more");
        assertThat(renamed.text("decided_at")).isNotEqualTo(decidedBefore);

        JsonNode changes = as(marketing, "GET", admin + "/players/ann/segment-changes", null).body().path("changes");
        assertThat(changes.get(0).path("from").asText()).isEqualTo("NEW");
        assertThat(changes.get(0).path("to").asText()).isEqualTo("VIP");
        assertThat(changes.get(0).path("reason").asText()).isEqualTo("rules");
        assertThat(changes.get(1).path("to").asText()).isEqualTo("NEW");
        assertThat(changes.get(1).path("reason").asText()).isEqualTo("event");

        assertThat(as(marketing, "DELETE", admin + "/segment-rules/" + rule.text("rule_id"), null).status()).isEqualTo(204);
        assertThat(as(marketing, "POST", admin + "/segment-evaluations", null).status()).isEqualTo(202);
        awaitSegments();
        assertThat(client.get(partner[1], "/api/v1/players/ann/segment").text("segment")).isEqualTo("NEW");

        // Another partner's player is unknown to this partner, and a player never seen is a 404.
        String[] other = client.newPartner();
        assertThat(client.get(other[1], "/api/v1/players/ann/segment").status()).isEqualTo(404);
        assertThat(client.get(partner[1], "/api/v1/players/nobody/segment").text("type")).endsWith("/unknown-player");
    }

    @Test
    void twoChangesOfOneEventTimeAreListedInTheOrderTheyWereDecided() throws Exception {
        String[] partner = client.newPartner();
        // The wallet's opening makes the player NEW and the deposit in the same command makes them VIP, at one time.
        client.deposit(partner[1], "whale", "10000.00", "USD");
        awaitSegments();
        JsonNode changes = as(client.newAdminKey("Tie Marketing", "marketing")[1], "GET",
                "/admin/v1/partners/" + partner[0] + "/players/whale/segment-changes", null).body().path("changes");
        assertThat(changes.get(0).path("to").asText()).as("newest first").isEqualTo("VIP");
        assertThat(changes.get(1).path("to").asText()).isEqualTo("NEW");
        assertThat(client.get(partner[1], "/api/v1/players/whale/segment").text("segment")).isEqualTo("VIP");
    }

    @Test
    void theDailyPassAsksForEveryPartnersPass() throws Exception {
        String[] partner = client.newPartner();
        client.deposit(partner[1], "fay", "5.00", "USD");
        assertThat(dailyPass.passEveryPartner()).isPositive();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type = ? "
                        + "AND convert_from(payload, 'UTF8')::jsonb ->> 'reason' = 'daily' AND convert_from(meta_data, 'UTF8')::jsonb ->> 'actor' = ?",
                Long.class, "segment-rules:" + partner[0], "segment.SegmentEvaluationRequestedEvent", DailySegmentPass.ACTOR)).isEqualTo(1);
        awaitSegments();
        assertThat(client.get(partner[1], "/api/v1/players/fay/segment").text("segment")).isEqualTo("NEW");
    }

    @Test
    void aRebuildFromHistoryGivesTheSameSegmentsAndChanges() throws Exception {
        String[] partner = client.newPartner();
        String marketing = client.newAdminKey("Rebuild Marketing", "marketing")[1];
        for (String player : List.of("cy", "di", "ed")) {
            client.deposit(partner[1], player, player.equals("ed") ? "90.00" : "5.00", "USD");
        }
        String big = "{\"name\":\"Big\",\"segment\":\"BIG\",\"priority\":1,"
                + "\"condition\":{\"field\":\"deposit_total\",\"asset\":\"USD\",\"op\":\">\",\"value\":\"50\"}}";
        String ruleId = as(marketing, "POST", "/admin/v1/partners/" + partner[0] + "/segment-rules", big).text("rule_id");
        // A rename and a pass, live: a rebuild, batching the events otherwise, must come to the same rule names and times.
        as(marketing, "PUT", "/admin/v1/partners/" + partner[0] + "/segment-rules/" + ruleId, big.replace("\"Big\"", "\"Bigger\""));
        as(marketing, "POST", "/admin/v1/partners/" + partner[0] + "/segment-evaluations", null);
        awaitSegments();
        awaitRecorded(partner[0]);
        List<Object> before = state(partner[0]);
        List<String> recordedBefore = recorded(partner[0]);
        assertPublishedAsDecided(partner[0]);
        assertThat(recordedBefore).anyMatch(change -> change.startsWith("ed ") && change.contains(" BIG "));
        long startedAt = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);

        rebuildSegments();
        assertThat(state(partner[0])).isEqualTo(before);
        assertThat(before.toString()).contains("ed BIG", "cy NEW");
        awaitRecorded(partner[0]);
        assertThat(recorded(partner[0])).as("the rebuild decided the same segments: nothing recorded again").isEqualTo(recordedBefore);
        // The replay of the whole store (every test's players) passed through each player's past segments: none of them was
        // recorded. At most one change a player, to the rebuilt segment where it differs from the published one.
        awaitRecorded(null);
        assertThat(jdbc.queryForList("SELECT aggregate_identifier FROM domain_event_entry WHERE global_index > ? AND payload_type = ? "
                        + "GROUP BY aggregate_identifier HAVING count(*) > 1", String.class, startedAt, "segment.PlayerSegmentChangedEvent"))
                .as("players whose past segments a rebuild published again").isEmpty();
    }

    /**
     * The red team's case: first deposits that make players VIP while a rule for everyone is switched
     * on and off. Commits land out of position order, so the live processor may meet a deposit and a
     * switch in another order than a rebuild, and decide other changes between them; whatever it
     * decides, each player's recorded changes are a chain that ends at the segment the read model holds.
     */
    @Test
    void theLedgersSegmentsFollowTheReadModelThroughConcurrentChangesAndARebuild() throws Exception {
        String[] partner = client.newPartner();
        String marketing = client.newAdminKey("Race Marketing", "marketing")[1];
        String rules = "/admin/v1/partners/" + partner[0] + "/segment-rules";
        String everyone = "{\"name\":\"Everyone\",\"segment\":\"ALL\",\"priority\":5,\"enabled\":%s,"
                + "\"condition\":{\"field\":\"deposit_total\",\"asset\":\"USD\",\"op\":\">=\",\"value\":\"1\"}}";
        String ruleId = as(marketing, "POST", rules, everyone.formatted("false")).text("rule_id");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<?>> deposits = new ArrayList<>();
            for (int i = 0; i < 80; i++) {
                String player = "race" + i;
                deposits.add(pool.submit(() -> assertThat(client.deposit(partner[1], player, "10000.00", "USD").status()).isEqualTo(200)));
            }
            for (int toggle = 0; toggle < 8; toggle++) {
                assertThat(as(marketing, "PUT", rules + "/" + ruleId, everyone.formatted(toggle % 2 == 0)).status()).isEqualTo(200);
            }
            for (java.util.concurrent.Future<?> deposit : deposits) {
                deposit.get(1, java.util.concurrent.TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdown();
        }
        awaitSegments();
        awaitRecorded(partner[0]);
        assertPublishedAsDecided(partner[0]);

        rebuildSegments();
        awaitSegments();
        awaitRecorded(partner[0]);
        assertPublishedAsDecided(partner[0]);
    }

    @Test
    void nothingIsRecordedWhileTheSegmentsAreRebuilt() throws Exception {
        String[] partner = client.newPartner();
        java.sql.Timestamp at = java.sql.Timestamp.from(Instant.parse("2026-12-01T09:00:00Z"));
        java.util.concurrent.CompletableFuture<Reply> started = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> client.admin("POST", "/admin/v1/projections/" + PlayerSegmentProjection.GROUP + "/rebuild", null));
        try {
            // Once the rebuild has marked the tokens (it then waits a moment, and replays): its decisions are past segments.
            long deadline = System.nanoTime() + 10_000_000_000L;
            boolean marked = false;
            while (!marked && System.nanoTime() < deadline) {
                try {
                    rebuilding.requireServing(PlayerSegmentProjection.GROUP);
                    Thread.sleep(5);
                } catch (io.chipledger.api.projection.ProjectionRebuildingException rebuildingNow) {
                    marked = true;
                }
            }
            assertThat(marked).as("the rebuild marked the segments' tokens").isTrue();
            jdbc.update(PlayerSegmentStore.ENQUEUE, partner[0], "ivy", "NEW", "default:NEW", "NEW", "event", "e-past", at);
            recorder.recordDecidedSegments();
            assertThat(recorded(partner[0])).as("a decision of the replay, recorded while it ran").isEmpty();
        } finally {
            jdbc.update("DELETE FROM segment_change_outbox WHERE partner_id = ?", partner[0]);
            assertThat(started.get(1, java.util.concurrent.TimeUnit.MINUTES).status()).isEqualTo(202);
            Rebuilding.awaitRebuilt(client, PlayerSegmentProjection.GROUP);
        }
    }

    @Test
    void aSegmentThatCannotBeRecordedIsParkedAndTheOthersGoOn() {
        String[] partner = client.newPartner();
        java.sql.Timestamp at = java.sql.Timestamp.from(Instant.parse("2026-12-01T09:00:00Z"));
        String cause = java.util.UUID.randomUUID().toString();
        // A decision no segment code can be (a row someone edited), before a good one of another player.
        jdbc.update(PlayerSegmentStore.ENQUEUE, partner[0], "gus", "not a segment", "default:NEW", "NEW", "event", cause, at);
        jdbc.update(PlayerSegmentStore.ENQUEUE, partner[0], "hal", "NEW", "default:NEW", "NEW", "event", cause, at);
        try {
            recorder.recordDecidedSegments();

            assertThat(recorded(partner[0])).containsExactly("hal - NEW event " + cause + " " + SegmentChangeRecorder.ACTOR);
            assertThat(jdbc.queryForList("SELECT item_key FROM parked_job_item WHERE job = 'segment-changes'", String.class))
                    .containsExactly(partner[0] + ":gus");
            assertThat(jdbc.queryForList("SELECT player_id FROM segment_change_outbox WHERE partner_id = ?", String.class, partner[0]))
                    .as("the parked player waits for a retry; the recorded one is gone").containsExactly("gus");
            jdbc.update(PlayerSegmentStore.ENQUEUE, partner[0], "hal", "NEW", "default:NEW", "NEW", "event", cause, at);
            recorder.recordDecidedSegments();
            assertThat(recorded(partner[0])).as("the segment recorded already is not recorded again").hasSize(1);
        } finally {
            jdbc.update("DELETE FROM segment_change_outbox WHERE partner_id = ?", partner[0]);
            jdbc.update("DELETE FROM parked_job_item WHERE job = 'segment-changes'");
        }
    }

    private void rebuildSegments() throws InterruptedException {
        Rebuilding.rebuild(client, PlayerSegmentProjection.GROUP);
        Rebuilding.awaitRebuilt(client, PlayerSegmentProjection.GROUP);
    }

    /** Each player's recorded changes are a chain from nothing, and it ends at the segment the read model holds. */
    private void assertPublishedAsDecided(String partnerId) {
        java.util.Map<String, String> published = new java.util.HashMap<>();
        jdbc.query("SELECT convert_from(payload, 'UTF8')::jsonb ->> 'player_id', convert_from(payload, 'UTF8')::jsonb ->> 'from_segment', "
                + "convert_from(payload, 'UTF8')::jsonb ->> 'to_segment' FROM domain_event_entry WHERE starts_with(aggregate_identifier, ?) "
                + "ORDER BY aggregate_identifier, sequence_number", (java.sql.ResultSet row) -> {
                    String player = row.getString(1);
                    assertThat(row.getString(2)).as("the change of %s from the segment recorded before", player).isEqualTo(published.get(player));
                    published.put(player, row.getString(3));
                }, "segment:" + partnerId + ":");
        java.util.Map<String, String> decided = new java.util.HashMap<>();
        jdbc.query("SELECT player_id, segment FROM player_segment WHERE partner_id = ?",
                (java.sql.ResultSet row) -> {
                    decided.put(row.getString(1), row.getString(2));
                }, partnerId);
        assertThat(published).as("the ledger's last segment of each player").isEqualTo(decided);
    }

    /** Until the recorder has recorded the newest segment of every player of the partner (null: of every partner) whose segment changed. */
    private void awaitRecorded(String partnerId) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        long waiting;
        while ((waiting = jdbc.queryForObject("SELECT count(*) FROM segment_change_outbox WHERE ?::text IS NULL OR partner_id = ?", Long.class,
                partnerId, partnerId)) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(waiting).as("the recorder emptied the outbox").isZero();
    }

    /** The partner's recorded segment changes: player, from, to, reason, cause and actor, in the order of their players and times. */
    private List<String> recorded(String partnerId) {
        return jdbc.queryForList("SELECT e.doc ->> 'player_id' || ' ' || coalesce(e.doc ->> 'from_segment', '-') || ' ' || "
                + "(e.doc ->> 'to_segment') || ' ' || (e.doc ->> 'reason') || ' ' || (e.doc ->> 'cause_event_id') || ' ' || e.actor "
                + "FROM (SELECT convert_from(payload, 'UTF8')::jsonb AS doc, convert_from(meta_data, 'UTF8')::jsonb ->> 'actor' AS actor "
                + "FROM domain_event_entry WHERE payload_type = 'segment.PlayerSegmentChangedEvent') e WHERE e.doc ->> 'partner_id' = ? "
                + "ORDER BY e.doc ->> 'player_id', (e.doc ->> 'decided_at')::timestamptz, e.doc ->> 'cause_event_id'", String.class, partnerId);
    }

    private List<Object> state(String partnerId) {
        List<Object> state = new ArrayList<>(jdbc.queryForList("SELECT player_id || ' ' || segment || ' ' || rule_id || ' ' || rule_name "
                + "|| ' ' || segment_since || ' ' || decided_at "
                + "FROM player_segment WHERE partner_id = ? ORDER BY player_id", String.class, partnerId));
        state.addAll(jdbc.queryForList("SELECT player_id || ' ' || event_id || ' ' || coalesce(from_segment, '-') || ' ' || to_segment || ' ' "
                + "|| reason FROM player_segment_change WHERE partner_id = ? ORDER BY player_id, changed_at, event_id", String.class, partnerId));
        return state;
    }
}
