package io.chipledger.api.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chipledger.analytics.report.GgrReport;
import io.chipledger.api.LedgerApiTest;
import io.chipledger.api.LedgerClient;
import io.chipledger.api.projection.ProjectionPositions;
import io.chipledger.core.profile.ActivitySource;
import io.chipledger.core.profile.ActivityType;
import io.chipledger.core.profile.PlayerProfileId;
import io.chipledger.core.profile.RecordActivityCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Money events reach ClickHouse's postings table, one row per posting, and a resend of every event
 * (a token reset) changes no figure (issue 14). Needs a real ClickHouse (scripts/test.sh starts one).
 */
class ClickHouseSinkTest extends LedgerApiTest {

    private static final Duration WAIT_MAX = Duration.ofSeconds(90);

    @Autowired
    private ClickHouseSettings settings;
    @Autowired
    private EventProcessingConfiguration processing;
    @Autowired
    private ProjectionPositions positions;
    @Autowired
    private CommandGateway commands;

    @Test
    void postingsArriveOnceAndAResendChangesNoFigure() throws Exception {
        assertThat(settings.on()).as("CHIPLEDGER_CLICKHOUSE_URL is not set: run scripts/test.sh, which starts a local ClickHouse").isTrue();
        String[] partner = client.newPartner();
        client.deposit(partner[1], "cleo", "100.00", "USD");
        client.bet(partner[1], "cleo", "10.00", "USD", "c-bet-1");
        client.post(partner[1], "/api/v1/wallets/cleo/wins", "{\"amount\":\"25.00\",\"currency\":\"USD\",\"game_id\":\"slots\","
                + "\"round_id\":\"round-c-bet-1\",\"transaction_id_partner\":\"c-win-1\"}");

        try (Connection clickHouse = connect()) {
            awaitRows(clickHouse, partner[0], 6, "");
            awaitRows(clickHouse, "activity", partner[0], 1, "(the deposit's charge)");
            long[] once = figures(clickHouse, partner[0]);
            List<Object> reportsOnce = tablesAndReport(clickHouse, partner[0]);

            StreamingEventProcessor sink = processing.eventProcessor(ClickHouseSink.GROUP, StreamingEventProcessor.class).orElseThrow();
            sink.shutDown();
            sink.resetTokens();
            sink.start();
            long last = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry WHERE aggregate_identifier = ?", Long.class,
                    partner[0] + ":cleo");
            awaitResent(last);
            long[] afterResend = figures(clickHouse, partner[0]);
            List<Object> reportsAfterResend = tablesAndReport(clickHouse, partner[0]);

            assertThat(once).as("rows, sum of all postings, the player's side, bets' stake").containsExactly(6, 0, 11_500, -1_000);
            assertThat(afterResend).isEqualTo(once);
            assertThat(reportsOnce).as("transactions, activity, the GGR report").containsExactly(3L, 1L, List.of(new GgrReport.Line(partner[0],
                    "", "USD", minor(1_000), minor(2_500), minor(-1_500), minor(0), minor(-1_500))));
            assertThat(reportsAfterResend).isEqualTo(reportsOnce);
        }
    }

    /**
     * ClickHouse stopped while commands go on: every command succeeds, and once it is back every
     * posting arrives, none twice. Stops the local server scripts/clickhouse.sh runs, and starts it again.
     */
    @Test
    void clickHouseStoppedMidRunLosesNothingAndDoublesNothing() throws Exception {
        assertThat(settings.on()).as("CHIPLEDGER_CLICKHOUSE_URL is not set: run scripts/test.sh, which starts a local ClickHouse").isTrue();
        Path pidFile = Path.of(System.getenv().getOrDefault("CHIPLEDGER_CLICKHOUSE_DIR", "/var/tmp/chipledger-clickhouse"), "clickhouse.pid");
        assertThat(pidFile).as("the local ClickHouse of scripts/clickhouse.sh").exists();
        String[] partner = client.newPartner();
        client.deposit(partner[1], "otto", "50.00", "USD");
        try (Connection clickHouse = connect()) {
            awaitRows(clickHouse, partner[0], 2, "");
        }

        new ProcessBuilder("kill", Files.readString(pidFile).trim()).inheritIO().start().waitFor();
        awaitDown();
        for (int round = 1; round <= 5; round++) {
            assertThat(client.bet(partner[1], "otto", "1.00", "USD", "o-bet-" + round).status()).isEqualTo(200);
        }
        JsonNode degraded = LedgerClient.eventually(() -> client.admin("GET", "/actuator/health", null),
                reply -> reply.body().path("components").path("analytics").path("status").asText().equals("DEGRADED")).body()
                .path("components").path("analytics");
        assertThat(degraded.path("details").path("sink").asText()).as(degraded.toString()).startsWith("retrying");
        assertThat(degraded.path("details").path("lag_events").asLong()).isPositive();
        Process start = new ProcessBuilder("bash", "../scripts/clickhouse.sh").redirectErrorStream(true).start();
        assertThat(start.waitFor()).as(new String(start.getInputStream().readAllBytes())).isZero();

        try (Connection clickHouse = connect()) {
            awaitRows(clickHouse, partner[0], 12, "after ClickHouse came back");
            assertThat(figures(clickHouse, partner[0])).containsExactly(12, 0, 4_500, -500);
        }
        assertThat(LedgerClient.eventually(() -> client.admin("GET", "/actuator/health", null),
                reply -> reply.body().path("components").path("analytics").path("status").asText().equals("UP")).body()
                .path("components").path("analytics").path("status").asText()).as("analytics healthy again").isEqualTo("UP");
    }

    /** A real play and a reported login reach the plays and activity tables, with the play's rewards and outcome. */
    @Test
    void playsAndActivityArriveWithTheirDetails() throws Exception {
        String[] partner = client.newPartner();
        client.grantTokens(partner[0], "pia", "DICE_TOKEN", "10", "pia-grant");
        assertThat(client.post(partner[1], "/api/v1/wallets/pia/plays", "{\"game\":\"DICE\",\"config_id\":\"dice-7\","
                + "\"stake\":{\"token_type\":\"DICE_TOKEN\",\"amount\":\"2\"},\"rewards\":[{\"asset\":\"CC_COIN\",\"amount\":\"5\"}],"
                + "\"outcome\":{\"roll\":6},\"transaction_id_partner\":\"pia-play-1\"}").status()).isEqualTo(200);
        client.post(partner[1], "/api/v1/players/pia/activities", "{\"event_type\":\"LOGIN\",\"event_id\":\"" + UUID.randomUUID()
                + "\",\"meta\":{\"device\":\"ios\"}}");

        try (Connection clickHouse = connect()) {
            awaitRows(clickHouse, "plays", partner[0], 1, "");
            awaitRows(clickHouse, "activity", partner[0], 2, "(the login, and the play the wallet reported)");
            try (PreparedStatement query = clickHouse.prepareStatement("SELECT game, config_id, stake_asset, stake_minor, reward_assets[1], "
                    + "reward_amounts_minor[1], outcome, (SELECT meta FROM activity FINAL WHERE partner_id = ? AND activity_type = 'LOGIN') "
                    + "FROM plays FINAL WHERE partner_id = ?")) {
                query.setString(1, partner[0]);
                query.setString(2, partner[0]);
                try (ResultSet row = query.executeQuery()) {
                    row.next();
                    assertThat(List.of(row.getString(1), row.getString(2), row.getString(3), row.getString(4), row.getString(5),
                            row.getString(6), row.getString(7), row.getString(8)))
                            .containsExactly("DICE", "dice-7", "DICE_TOKEN", "2", "CC_COIN", "5", "{\"roll\":6}", "{\"device\":\"ios\"}");
                }
            }
        }
    }

    /**
     * An event whose row ClickHouse could not take (an activity dated before 1970, sent past the
     * API's own checks) is parked in the sink's dead-letter queue, where staff see it; the events
     * behind it, of other players, still arrive.
     */
    @Test
    void anEventClickHouseCannotTakeIsParkedAndEveryoneElseGoesOn() throws Exception {
        String[] partner = client.newPartner();
        commands.sendAndWait(new RecordActivityCommand(new PlayerProfileId(partner[0], "ancient"), UUID.randomUUID().toString(),
                ActivityType.LOGIN, null, Map.of(), Instant.parse("1960-01-01T00:00:00Z"), ActivitySource.REPORTED));
        client.post(partner[1], "/api/v1/players/later/activities", "{\"event_type\":\"LOGIN\",\"event_id\":\"" + UUID.randomUUID() + "\"}");

        try (Connection clickHouse = connect()) {
            awaitRows(clickHouse, "activity", partner[0], 1, "");
        }
        String sequence = "profile:" + partner[0] + ":ancient";
        JsonNode parked = LedgerClient.eventually(() -> client.admin("GET", "/admin/v1/projections/" + ClickHouseSink.GROUP
                + "/dead-letters?limit=200", null), reply -> parkedIn(reply.body(), sequence) != null).body();
        JsonNode projections = client.admin("GET", "/admin/v1/projections", null).body();

        assertThat(parkedIn(parked, sequence).path("cause_message").asText())
                .contains("activity.occurred_at is outside ClickHouse's DateTime range");
        assertThat(parkedOf(projections)).as("staff see the sink's parked events").isPositive();
        jdbc.update("DELETE FROM dead_letter_entry WHERE processing_group = ? AND sequence_identifier = ?", ClickHouseSink.GROUP, sequence);
    }

    private static JsonNode parkedIn(JsonNode page, String sequence) {
        for (JsonNode parked : page.path("parked")) {
            if (parked.path("sequence").asText().equals(sequence)) {
                return parked;
            }
        }
        return null;
    }

    private static long parkedOf(JsonNode projections) {
        for (JsonNode projection : projections) {
            if (projection.path("name").asText().equals(ClickHouseSink.GROUP)) {
                return projection.path("parked_events").asLong();
            }
        }
        throw new AssertionError("the sink is not among the projections: " + projections);
    }

    /** The sink has read every event again, up to {@code position}, after its tokens were reset. */
    private void awaitResent(long position) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT_MAX.toNanos();
        while (positions.position(ClickHouseSink.GROUP) < position && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(positions.position(ClickHouseSink.GROUP)).as("the sink read every event again").isGreaterThanOrEqualTo(position);
    }

    private static void awaitDown() throws Exception {
        long deadline = System.nanoTime() + WAIT_MAX.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                new java.net.URL("http://127.0.0.1:8123/ping").openStream().close();
            } catch (java.io.IOException down) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("ClickHouse still answers " + WAIT_MAX + " after it was stopped");
    }

    private static java.math.BigInteger minor(long amount) {
        return java.math.BigInteger.valueOf(amount);
    }

    /** The partner's rows in the transactions and activity tables (deduplicated), and its GGR report of today by currency. */
    private static List<Object> tablesAndReport(Connection clickHouse, String partnerId) throws SQLException {
        List<Object> found = new java.util.ArrayList<>();
        for (String table : List.of("transactions", "activity")) {
            try (PreparedStatement query = clickHouse.prepareStatement("SELECT count() FROM " + table + " FINAL WHERE partner_id = ?")) {
                query.setString(1, partnerId);
                try (ResultSet row = query.executeQuery()) {
                    row.next();
                    found.add(row.getLong(1));
                }
            }
        }
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        found.add(GgrReport.byDay(clickHouse, partnerId, today, today.plusDays(1), GgrReport.GroupBy.CURRENCY, List.of("USD", "EUR", "KRW")));
        return found;
    }

    /** Rows (deduplicated), the sum of every posting, the player's side, and the bets' postings to the player. */
    private static long[] figures(Connection clickHouse, String partnerId) throws SQLException {
        try (PreparedStatement query = clickHouse.prepareStatement("SELECT count(), sum(amount_minor), sumIf(amount_minor, account_kind = 'player'), "
                + "sumIf(amount_minor, account_kind = 'player' AND transaction_type = 'BetPlaced') FROM postings FINAL WHERE partner_id = ?")) {
            query.setString(1, partnerId);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return new long[] {row.getLong(1), row.getLong(2), row.getLong(3), row.getLong(4)};
            }
        }
    }

    private static void awaitRows(Connection clickHouse, String partnerId, long rows, String what) throws Exception {
        awaitRows(clickHouse, "postings", partnerId, rows, what);
    }

    private static void awaitRows(Connection clickHouse, String table, String partnerId, long rows, String what) throws Exception {
        long deadline = System.nanoTime() + WAIT_MAX.toNanos();
        long found = 0;
        while (System.nanoTime() < deadline) {
            try (PreparedStatement query = clickHouse.prepareStatement("SELECT count() FROM " + table + " WHERE partner_id = ?")) {
                query.setString(1, partnerId);
                try (ResultSet row = query.executeQuery()) {
                    row.next();
                    found = row.getLong(1);
                }
            }
            if (found >= rows) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(rows + " rows of " + partnerId + " expected in ClickHouse within " + WAIT_MAX + " " + what + ", found " + found);
    }

    private Connection connect() throws SQLException {
        return settings.connect();
    }
}
