package io.chipledger.api.fault;

import com.fasterxml.jackson.databind.JsonNode;
import io.chipledger.analytics.kafka.StreamTopics;
import io.chipledger.api.LedgerClient;
import io.chipledger.api.LedgerClient.Reply;
import io.chipledger.api.kafka.TopicReader;
import io.chipledger.api.kafka.TopicReader.Message;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What must hold after a fault, read from the service's own database, its API, the Kafka topic and
 * ClickHouse: every command answered success is in the ledger exactly once and none without an
 * answer is half applied; a retry replays the original answer; the balances are the sum of what
 * was applied; the read models, the Kafka publisher and the ClickHouse sink catch up with every
 * event; and the audit verification (the judge of "nothing lost") is clean. Each failure is
 * added to the {@link FaultFigures}, with the counts.
 */
final class LedgerChecks implements AutoCloseable {

    /** The events the load's commands make: one per command. */
    private static final String MONEY_EVENTS = "('wallet.FundsDepositedEvent', 'wallet.BetPlacedEvent', 'wallet.WinPaidEvent')";
    private static final Duration CONVERGENCE_WAIT_MAX = Duration.ofMinutes(5);
    private static final Duration POLL = Duration.ofMillis(250);

    private final BackingServices services;
    private final JdbcTemplate database;
    private final String partnerId;
    private final FaultFigures figures;
    private TopicReader kafka;

    LedgerChecks(BackingServices services, String partnerId, FaultFigures figures) {
        this.services = services;
        this.database = services.database();
        this.partnerId = partnerId;
        this.figures = figures;
    }

    /**
     * Right after the fault (the restart, or the takeover), before anything is sent again: each command answered success is in
     * the ledger once; one refused is not; one without an answer is there once or not at all,
     * with its idempotency key exactly when its event is there. Answers how often each key is in the ledger.
     */
    Map<String, Integer> afterFault(List<SentCommand> commands) {
        Map<String, Integer> inLedger = moneyEventsByKey();
        Set<String> keys = storedKeys();
        for (SentCommand command : commands) {
            int events = inLedger.getOrDefault(command.key, 0);
            boolean keyStored = keys.contains(command.key);
            switch (command.fate()) {
                case ANSWERED -> expect(events == 1 && keyStored, command, "answered success, but found " + events + " times, key stored " + keyStored);
                case REFUSED -> expect(events == 0 && !keyStored, command, "refused, but found " + events + " times, key stored " + keyStored);
                case UNANSWERED -> {
                    if (events > 1 || keyStored != (events == 1)) {
                        figures.halfApplied++;
                        figures.problem(command + ": half applied: " + events + " events, key stored " + keyStored);
                    } else if (events == 1) {
                        figures.unansweredFoundApplied++;
                    }
                }
            }
        }
        return inLedger;
    }

    /**
     * A command sent again after the fault: one answered before replays that answer byte for byte
     * (and says it is a replay); one without an answer is answered success now, as a replay
     * exactly when it was found applied.
     */
    void resent(SentCommand command, Reply reply, Map<String, Integer> inLedgerBefore) {
        boolean applied = inLedgerBefore.getOrDefault(command.key, 0) == 1;
        if (command.fate() == SentCommand.Fate.ANSWERED) {
            boolean equal = reply.status() == command.status() && reply.replayed() && reply.raw().equals(command.answer());
            figures.replay(equal);
            expect(equal, command, "sent again, answered " + reply.status() + (reply.replayed() ? " (replayed) " : " ") + reply.raw()
                    + " instead of the original " + command.answer());
        } else if (command.fate() == SentCommand.Fate.UNANSWERED) {
            expect(reply.status() == 200 && reply.replayed() == applied, command, "sent again " + (applied ? "(found applied)" : "(not applied)")
                    + ", answered " + reply.status() + (reply.replayed() ? " (replayed) " : " ") + reply.raw());
        }
    }

    /** Everything converged on {@code node}: read models, exactly once, balances, Kafka, ClickHouse, the verification. */
    void converged(LedgerClient node, List<SentCommand> commands, List<String> players) throws Exception {
        projectionsCaughtUp(node);
        exactlyOnce(commands);
        balances(node, commands, players);
        kafka();
        clickHouse();
        verification(node);
    }

    /** Waits until every read model, the sink and the publisher have handled every event; none may park one. */
    void projectionsCaughtUp(LedgerClient node) {
        long started = System.nanoTime();
        Reply projections = LedgerClient.eventually(() -> node.admin("GET", "/admin/v1/projections", null), this::allCaughtUp,
                CONVERGENCE_WAIT_MAX);
        figures.caughtUp(Duration.ofNanos(System.nanoTime() - started));
        if (!allCaughtUp(projections)) {
            figures.problem("the read models did not catch up within " + CONVERGENCE_WAIT_MAX + ": " + projections.raw());
        }
        for (JsonNode projection : projections.body()) {
            if (projection.path("parked_events").asLong() > 0) {
                figures.problem(projection.path("name").asText() + " parked events: " + projection);
            }
        }
    }

    /** Every command answered success in the end is in the ledger once; no other is, and no key the load never sent. */
    void exactlyOnce(List<SentCommand> commands) {
        Map<String, Integer> inLedger = new HashMap<>(moneyEventsByKey());
        long once = 0;
        for (SentCommand command : commands) {
            int events = inLedger.getOrDefault(command.key, 0);
            inLedger.remove(command.key);
            if (!command.answeredInTheEnd()) {
                expect(events == 0, command, "never answered success, but found " + events + " times");
            } else if (events == 1) {
                once++;
            } else if (events == 0) {
                figures.lost++;
                figures.problem(command + ": answered success, not in the ledger (lost)");
            } else {
                figures.doubled++;
                figures.problem(command + ": in the ledger " + events + " times (doubled)");
            }
        }
        figures.foundOnce = once;
        inLedger.forEach((key, events) -> figures.problem("key " + key + " is in the ledger " + events + " times, but was never sent"));
    }

    /** Each wallet's balance, read through the API, is its funding plus what the commands applied moved. */
    void balances(LedgerClient node, List<SentCommand> commands, List<String> players) {
        Map<String, Long> expected = new HashMap<>();
        for (SentCommand command : commands) {
            if (command.answeredInTheEnd()) {
                expected.merge(command.player, command.playerDeltaMinor(), Long::sum);
            }
        }
        for (String player : players) {
            Reply wallet = node.admin("GET", "/admin/v1/partners/" + partnerId + "/wallets/" + player, null);
            String available = wallet.body().path("balances").path(CommandLoad.CURRENCY).path("available").asText(null);
            long found = available == null ? Long.MIN_VALUE : new BigDecimal(available).movePointRight(2).longValueExact();
            if (wallet.status() != 200 || found != expected.getOrDefault(player, 0L)) {
                figures.problem(player + ": balance " + available + " (" + wallet.status() + "), the commands applied give "
                        + expected.getOrDefault(player, 0L) + " minor units");
            }
        }
    }

    /** Every stored event of the partner is on the ledger topic (duplicates allowed, and counted). */
    void kafka() {
        if (kafka == null) {
            kafka = new TopicReader(services.kafkaBootstrapServers(), StreamTopics.DEFAULT.ledgerEvents());
        }
        Set<String> stored = new HashSet<>(database.queryForList("SELECT event_identifier FROM domain_event_entry "
                + "WHERE convert_from(meta_data, 'UTF8')::jsonb ->> 'partner_id' = ?", String.class, partnerId));
        List<Message> messages = kafka.readAtMost(TopicReader.ofPartner(partnerId), read -> eventIds(read).containsAll(stored),
                CONVERGENCE_WAIT_MAX);
        Set<String> published = eventIds(messages);
        Set<String> missing = new HashSet<>(stored);
        missing.removeAll(published);
        figures.kafkaMessages = messages.size();
        figures.kafkaDuplicates = messages.size() - published.size();
        figures.kafkaMissing = missing.size();
        if (!missing.isEmpty()) {
            figures.problem(missing.size() + " stored events are not on the Kafka topic, e.g. " + missing.iterator().next());
        }
    }

    /** Every money event of the partner is in ClickHouse's transactions table once, read as BI reads it (FINAL). */
    void clickHouse() throws SQLException, InterruptedException {
        Set<String> stored = new HashSet<>(database.queryForList("SELECT event_identifier FROM domain_event_entry "
                + "WHERE starts_with(aggregate_identifier, ?) AND payload_type IN " + MONEY_EVENTS, String.class, partnerId + ":"));
        long deadline = System.nanoTime() + CONVERGENCE_WAIT_MAX.toNanos();
        try (Connection connection = services.clickHouse()) {
            Map<String, Long> rows = clickHouseRows(connection);
            while (!rows.keySet().containsAll(stored) && System.nanoTime() < deadline) {
                Thread.sleep(POLL.toMillis());
                rows = clickHouseRows(connection);
            }
            Set<String> missing = new HashSet<>(stored);
            missing.removeAll(rows.keySet());
            Set<String> unknown = new HashSet<>(rows.keySet());
            unknown.removeAll(stored);
            figures.clickHouseEvents = rows.size();
            figures.clickHouseMissing = missing.size();
            figures.clickHouseDoubled = rows.values().stream().filter(copies -> copies > 1).count();
            figures.clickHouseCopies = unmergedRows(connection) - rows.values().stream().mapToLong(Long::longValue).sum();
            expect(missing.isEmpty(), null, missing.size() + " money events are not in ClickHouse, e.g. " + missing.stream().findFirst().orElse(""));
            expect(figures.clickHouseDoubled == 0, null, figures.clickHouseDoubled + " events are in ClickHouse more than once, read FINAL");
            expect(unknown.isEmpty(), null, unknown.size() + " events in ClickHouse are not in the store, e.g. " + unknown.stream().findFirst().orElse(""));
        }
    }

    /** The audit verification, started through the API, ends clean. */
    void verification(LedgerClient node) {
        Reply started = LedgerClient.eventually(() -> node.admin("POST", "/audit/v1/verifications", null),
                reply -> reply.status() == 202, CONVERGENCE_WAIT_MAX);
        if (started.status() != 202) {
            figures.problem("the verification did not start: " + started.raw());
            return;
        }
        String path = "/audit/v1/verifications/" + started.text("verification_id");
        Reply done = LedgerClient.eventually(() -> node.admin("GET", path, null), reply -> !"running".equals(reply.text("status")),
                CONVERGENCE_WAIT_MAX);
        figures.verifications++;
        figures.eventsVerified = done.body().path("events_checked").asLong();
        if ("clean".equals(done.text("status"))) {
            figures.verificationsClean++;
        } else {
            figures.problem("the verification is " + done.text("status") + ": " + done.raw());
        }
    }

    /** The owners of the tracking processors' segments (token claims), by processor and segment. */
    Map<String, String> segmentOwners() {
        Map<String, String> owners = new HashMap<>();
        database.query("SELECT processor_name, segment, owner FROM token_entry",
                row -> {
                    owners.put(row.getString(1) + "/" + row.getInt(2), row.getString(3));
                });
        return owners;
    }

    @Override
    public void close() {
        if (kafka != null) {
            kafka.close();
        }
    }

    private Map<String, Integer> moneyEventsByKey() {
        Map<String, Integer> byKey = new HashMap<>();
        database.query("SELECT convert_from(meta_data, 'UTF8')::jsonb ->> 'idempotency_key', count(*) FROM domain_event_entry "
                        + "WHERE starts_with(aggregate_identifier, ?) AND payload_type IN " + MONEY_EVENTS + " GROUP BY 1",
                row -> {
                    byKey.put(row.getString(1), row.getInt(2));
                }, partnerId + ":");
        return byKey;
    }

    private Set<String> storedKeys() {
        return new HashSet<>(database.queryForList("SELECT idempotency_key FROM idempotency_key WHERE partner_id = ? "
                + "AND idempotency_key NOT LIKE 'activity:%'", String.class, partnerId));
    }

    private boolean allCaughtUp(Reply projections) {
        if (projections.status() != 200 || !projections.body().isArray() || projections.body().isEmpty()) {
            return false;
        }
        for (JsonNode projection : projections.body()) {
            if (projection.path("lag_events").asLong() != 0 || projection.path("replaying").asBoolean()) {
                return false;
            }
        }
        return true;
    }

    private Map<String, Long> clickHouseRows(Connection connection) throws SQLException {
        Map<String, Long> rows = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT event_id, count() FROM transactions FINAL WHERE partner_id = ? GROUP BY event_id")) {
            statement.setString(1, partnerId);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.put(result.getString(1), result.getLong(2));
                }
            }
        }
        return rows;
    }

    /** The rows as written, before ClickHouse merged the copies a replay wrote. */
    private long unmergedRows(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT count() FROM transactions WHERE partner_id = ?")) {
            statement.setString(1, partnerId);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    private static Set<String> eventIds(List<Message> messages) {
        Set<String> ids = new HashSet<>();
        for (Message message : messages) {
            ids.add(message.header("event_id"));
        }
        return ids;
    }

    private void expect(boolean holds, SentCommand command, String otherwise) {
        if (!holds) {
            figures.problem(command == null ? otherwise : command + ": " + otherwise);
        }
    }
}
