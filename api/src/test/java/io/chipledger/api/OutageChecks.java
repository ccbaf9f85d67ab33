package io.chipledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chipledger.api.LedgerClient.Reply;
import io.chipledger.api.OutageLoad.FirstAnswer;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What an outage test asks of the ledger once every command of an {@link OutageLoad} was answered:
 * each command's key applied exactly once in the event store and in the wallet's history, the
 * balances what the commands add up to, and the audit verification clean.
 */
public final class OutageChecks {

    private static final Duration CATCH_UP_WAIT_MAX = Duration.ofSeconds(90);

    private OutageChecks() {
    }

    /** Keys found with exactly one event, with none (lost) and with more than one (doubled), among {@code commands} sent. */
    public record Applied(int commands, int foundOnce, int lost, int doubled) {
    }

    /** Counts the stored money events of each command's key (the wallets' openings aside). */
    public static Applied inTheStore(JdbcTemplate jdbc, String partnerId, List<FirstAnswer> answers) {
        Map<String, Integer> eventsByKey = new HashMap<>();
        jdbc.query("SELECT convert_from(meta_data, 'UTF8')::jsonb ->> 'idempotency_key', count(*) FROM domain_event_entry "
                        + "WHERE aggregate_identifier LIKE ? AND payload_type <> 'wallet.WalletOpenedEvent' GROUP BY 1",
                row -> {
                    eventsByKey.put(row.getString(1), row.getInt(2));
                }, partnerId + ":%");
        return count(answers, eventsByKey);
    }

    /** Counts the history lines of each command's key, read through the API once the history has caught up. */
    public static Applied inTheHistory(LedgerClient client, String apiKey, OutageLoad load, List<FirstAnswer> answers) {
        Map<String, Integer> linesByKey = new HashMap<>();
        for (String player : load.players()) {
            long expectedLines = answers.stream().filter(answer -> answer.command().player().equals(player)).count() + 1;
            List<JsonNode> lines = awaitHistory(client, apiKey, player, expectedLines);
            lines.forEach(line -> linesByKey.merge(line.path("transaction_id_partner").asText(), 1, Integer::sum));
        }
        return count(answers, linesByKey);
    }

    private static Applied count(List<FirstAnswer> answers, Map<String, Integer> foundByKey) {
        int once = 0;
        int lost = 0;
        int doubled = 0;
        for (FirstAnswer answer : answers) {
            int found = foundByKey.getOrDefault(answer.command().key(), 0);
            once += found == 1 ? 1 : 0;
            lost += found == 0 ? 1 : 0;
            doubled += found > 1 ? 1 : 0;
        }
        return new Applied(answers.size(), once, lost, doubled);
    }

    /** The player's whole USD history, newest first, once it holds {@code expectedLines} (or after the wait, whatever it holds). */
    private static List<JsonNode> awaitHistory(LedgerClient client, String apiKey, String player, long expectedLines) {
        long deadline = System.nanoTime() + CATCH_UP_WAIT_MAX.toNanos();
        List<JsonNode> lines = history(client, apiKey, player);
        while (lines.size() < expectedLines && System.nanoTime() < deadline) {
            pause();
            lines = history(client, apiKey, player);
        }
        return lines;
    }

    private static List<JsonNode> history(LedgerClient client, String apiKey, String player) {
        List<JsonNode> lines = new java.util.ArrayList<>();
        String cursor = "";
        do {
            Reply page = client.get(apiKey, "/api/v1/wallets/" + player + "/transactions?currency=USD&limit=200" + cursor);
            assertThat(page.status()).as(page.raw()).isEqualTo(200);
            page.body().path("transactions").forEach(lines::add);
            cursor = page.body().has("next_cursor") ? "&cursor=" + page.body().path("next_cursor").asText() : null;
        } while (cursor != null);
        return lines;
    }

    /** Each player's balance, read through the API once the read model has caught up, is what the commands add up to. */
    public static void balancesAddUp(LedgerClient client, String apiKey, OutageLoad load, List<FirstAnswer> answers) {
        Map<String, Long> expected = load.expectedBalancesMinor(answers);
        for (String player : load.players()) {
            BigDecimal want = BigDecimal.valueOf(expected.get(player), 2);
            long deadline = System.nanoTime() + CATCH_UP_WAIT_MAX.toNanos();
            BigDecimal read = balance(client, apiKey, player);
            while (read.compareTo(want) != 0 && System.nanoTime() < deadline) {
                pause();
                read = balance(client, apiKey, player);
            }
            assertThat(read).as("the balance of %s", player).isEqualByComparingTo(want);
        }
    }

    private static BigDecimal balance(LedgerClient client, String apiKey, String player) {
        return new BigDecimal(client.get(apiKey, "/api/v1/wallets/" + player).body().path("balances").path("USD").path("available")
                .asText("0"));
    }

    /**
     * Every projection and delivery group of the service, as {@code GET /admin/v1/projections} lists
     * them, once each has read every event with none parked (or after the wait, as they stand):
     * the service recovered by itself, no processor was left stopped.
     */
    public static JsonNode projectionsCaughtUp(LedgerClient client) {
        long deadline = System.nanoTime() + CATCH_UP_WAIT_MAX.toNanos();
        JsonNode projections = client.admin("GET", "/admin/v1/projections", null).body();
        while (!caughtUp(projections) && System.nanoTime() < deadline) {
            pause();
            projections = client.admin("GET", "/admin/v1/projections", null).body();
        }
        return projections;
    }

    public static boolean caughtUp(JsonNode projections) {
        boolean caughtUp = projections.isArray() && !projections.isEmpty();
        for (JsonNode projection : projections) {
            caughtUp &= projection.path("lag_events").asLong(-1) == 0 && projection.path("parked_events").asLong(-1) == 0;
        }
        return caughtUp;
    }

    /** Runs the store verification through the API (docs/audit.md) and answers its report once it has finished. */
    public static Reply auditVerification(LedgerClient client) {
        Reply started = client.admin("POST", "/audit/v1/verifications", null);
        assertThat(started.status()).as(started.raw()).isEqualTo(202);
        long deadline = System.nanoTime() + CATCH_UP_WAIT_MAX.toNanos();
        Reply report = client.admin("GET", "/audit/v1/verifications/" + started.text("verification_id"), null);
        while ("running".equals(report.text("status")) && System.nanoTime() < deadline) {
            pause();
            report = client.admin("GET", "/audit/v1/verifications/" + started.text("verification_id"), null);
        }
        return report;
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
