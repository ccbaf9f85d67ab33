import io.chipledger.api.store.StableNameSerializer;
import io.chipledger.core.audit.EventHashChain;
import io.chipledger.core.profile.ActivitySource;
import io.chipledger.core.profile.ActivityType;
import io.chipledger.core.profile.PlayerActivityRecordedEvent;
import io.chipledger.core.profile.PlayerProfileId;
import io.chipledger.core.wallet.FundsDepositedEvent;
import io.chipledger.core.wallet.MoneyMovedEvent;
import io.chipledger.core.wallet.WalletOpenedEvent;
import java.io.File;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;

/**
 * Sink throughput end to end (issue 14): how fast the service's {@code clickhouse-sink} processor
 * reads a store of a million money events and writes them to ClickHouse. bench/analytics.sh makes a
 * fresh database and calls
 *
 * <pre>java -cp &lt;classes&gt; bench/AnalyticsEndToEnd.java &lt;jar&gt; &lt;database-url&gt;</pre>
 *
 * <ol>
 * <li>starts the service once without analytics, so its Flyway migrations make the schema;
 * <li>writes the events straight into {@code domain_event_entry} with one COPY: the events of
 * {@code AnalyticsEvents}, each wallet's {@code WalletOpenedEvent} first and a deposit's
 * {@code PlayerActivityRecordedEvent} after it (what the wallet activity feed records), each row as
 * the service stores it ({@code ChainedAppend}: the service's own serializer, Axon's timestamp
 * text, the version 2 hash chain in {@code event_hash} and {@code event_chain_head});
 * <li>moves every other processor's token to the head, as when analytics is turned on in a running
 * ledger: the sink alone reads the store;
 * <li>starts the service with {@code CHIPLEDGER_CLICKHOUSE_URL} on a fresh ClickHouse database and
 * times the sink's token (table {@code token_entry}) until it reaches the head; then checks that
 * ClickHouse holds every posting once and the house's sums the events moved.
 * </ol>
 */
public class AnalyticsEndToEnd {

    public static final String ADMIN_KEY = "some-long-bench-admin-key";
    static final String CLICKHOUSE_DATABASE = "chipledger_analytics_e2e_bench";
    /**
     * The processor timed: the ClickHouse sink, or (BENCH_PROCESSOR=aml-engine) the AML engine of
     * issue 15, or (kafka-publisher) the Kafka publisher of issue 16; those two run without analytics
     * and are checked by {@link ProcessorChecks}.
     */
    static final String SINK = AnalyticsSupport.env("BENCH_PROCESSOR", "clickhouse-sink");
    static final boolean ANALYTICS = SINK.equals("clickhouse-sink");
    /** A token's position: a GapAwareTrackingToken's index, or a ReplayToken's current one (the sink starts as a replay of the store). */
    static final Pattern TOKEN_INDEX = Pattern.compile("^\\{(?:\"tokenAtReset\".*\"currentToken\":\\{[^}]*?)?\"index\":(\\d+)");

    static final long STORE_EVENTS = Long.parseLong(AnalyticsSupport.env("BENCH_STORE_EVENTS", "1000000"));
    static final int WALLETS = Integer.parseInt(AnalyticsSupport.env("BENCH_WALLETS", "10000"));
    static final int PARTNERS = Integer.parseInt(AnalyticsSupport.env("BENCH_PARTNERS", "5"));
    public static final int PORT = Integer.parseInt(AnalyticsSupport.env("BENCH_PORT", "18095"));
    /** Clients sending wallet commands while the processor catches up ({@link CommandLoad}); 0: none. */
    static final int COMMAND_CLIENTS = Integer.parseInt(AnalyticsSupport.env("BENCH_COMMAND_CLIENTS", "0"));
    static final String CLICKHOUSE = AnalyticsSupport.env("BENCH_CLICKHOUSE", "127.0.0.1:8124");
    static final long CLICKHOUSE_PID = Long.parseLong(AnalyticsSupport.env("BENCH_CLICKHOUSE_PID", "0"));

    static final List<String> report = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: AnalyticsEndToEnd <jar> <database-url>");
        }
        String jar = args[0];
        String database = args[1];
        try {
            AnalyticsSupport.progress("service, once without analytics: Flyway makes the schema of %s", database);
            Process first = launch(jar, database, null);
            awaitHealth(first);
            stop(first);

            AnalyticsEvents generator = new AnalyticsEvents(1414, PARTNERS, WALLETS);
            long head;
            try (Connection store = DriverManager.getConnection(database, "postgres", "")) {
                head = writeStore(store, generator);
                try (Statement statement = store.createStatement()) {
                    statement.executeUpdate("UPDATE token_entry SET token = convert_to('{\"index\":" + head + ",\"gaps\":[]}', 'UTF8'), "
                            + "token_type = 'org.axonframework.eventhandling.GapAwareTrackingToken', owner = NULL WHERE processor_name <> '" + SINK + "'");
                }
                if (ANALYTICS) {
                    try (Connection clickHouse = clickHouse("default"); Statement statement = clickHouse.createStatement()) {
                        statement.execute("DROP DATABASE IF EXISTS " + CLICKHOUSE_DATABASE);
                        statement.execute("CREATE DATABASE " + CLICKHOUSE_DATABASE);
                    }
                }
                AnalyticsSupport.progress("service with analytics on %s/%s; every other processor starts at the head", CLICKHOUSE, CLICKHOUSE_DATABASE);
                long startedAt = System.nanoTime();
                Process service = launch(jar, database, ANALYTICS ? "jdbc:clickhouse://" + CLICKHOUSE + "/" + CLICKHOUSE_DATABASE
                        + "?compress=false" : null);
                try {
                    if (COMMAND_CLIENTS > 0) {
                        awaitHealth(service);
                        try (CommandLoad load = CommandLoad.start(PORT, ADMIN_KEY, COMMAND_CLIENTS)) {
                            follow(store, service, head, startedAt);
                            double behind = load.window();
                            Thread.sleep(30_000);
                            report.add(String.format(Locale.ROOT, "Meanwhile %d clients sent wallet commands (withdrawals and deposits): %,.0f "
                                    + "answered/s while the processor caught up, %,.0f/s in the 30 s after it had, %,d failed.",
                                    COMMAND_CLIENTS, behind, load.window(), load.failed()));
                        }
                    } else {
                        follow(store, service, head, startedAt);
                    }
                    if (!ANALYTICS) {
                        // While the service runs: the Kafka publisher's messages are in its in-JVM broker.
                        report.add("");
                        report.add(ProcessorChecks.after(SINK, store, head));
                    }
                } finally {
                    stop(service);
                }
                if (ANALYTICS) {
                    check(store, generator.tally);
                }
            }
        } finally {
            System.out.println();
            report.forEach(System.out::println);
        }
    }

    // ----------------------------------------------------------------------------------------
    // The store

    /** Writes the events with one COPY in one transaction, and the chain heads after; answers the head's global index. */
    static long writeStore(Connection store, AnalyticsEvents generator) throws Exception {
        StableNameSerializer serializer = new StableNameSerializer();
        Map<String, long[]> sequences = new HashMap<>(); // aggregate -> its next sequence number
        Map<String, String> links = new HashMap<>(); // aggregate -> its newest event_hash
        Instant first = Instant.now().minusSeconds(2 * 86_400);
        long rows = 0;
        long start = System.nanoTime();
        store.setAutoCommit(false);
        CopyManager copy = new CopyManager(store.unwrap(BaseConnection.class));
        CopyIn in = copy.copyIn("COPY domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type, time_stamp, "
                + "payload_type, payload_revision, payload, meta_data, event_hash) FROM STDIN");
        StringBuilder text = new StringBuilder(1 << 20);
        for (long index = 0; index < STORE_EVENTS; index++) {
            AnalyticsEvents.Generated generated = generator.next();
            MoneyMovedEvent event = generated.event();
            Instant at = first.plusMillis(100 * index);
            String wallet = event.walletId().toString();
            Map<String, String> origin = Map.of("actor", "api-key:k_bench", "partner_id", event.walletId().partnerId(),
                    "idempotency_key", event.partnerTransactionId(), "request_ip", "127.0.0.1", "user_agent", "AnalyticsEndToEnd");
            if (generated.opensWallet()) {
                rows += row(text, serializer, sequences, links, "PlayerWallet", wallet, new WalletOpenedEvent(event.walletId()), at, origin);
            }
            rows += row(text, serializer, sequences, links, "PlayerWallet", wallet, event, at, origin);
            if (event instanceof FundsDepositedEvent deposit) {
                // What WalletActivityFeed records for a deposit, as its own command on the player's profile.
                PlayerProfileId profile = PlayerProfileId.of(deposit.walletId());
                String activityId = UUID.nameUUIDFromBytes(("deposit:" + deposit.walletId() + ":" + deposit.transactionId())
                        .getBytes(StandardCharsets.UTF_8)).toString();
                rows += row(text, serializer, sequences, links, "PlayerProfile", profile.toString(), new PlayerActivityRecordedEvent(profile,
                        activityId, ActivityType.CHARGE, null, Map.of("transaction_id", deposit.transactionId()), at, ActivitySource.WALLET),
                        at.plusMillis(50), Map.of("actor", "wallet", "partner_id", profile.partnerId(), "idempotency_key", "activity:" + activityId));
            }
            if (text.length() > (1 << 20) - 8192) {
                byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
                in.writeToCopy(bytes, 0, bytes.length);
                text.setLength(0);
            }
            if ((index + 1) % 200_000 == 0) {
                AnalyticsSupport.progress("  %,d money events (%,d rows) written, %,.0f rows/s", index + 1, rows, rows / ((System.nanoTime() - start) / 1e9));
            }
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        in.writeToCopy(bytes, 0, bytes.length);
        in.endCopy();
        CopyIn heads = copy.copyIn("COPY event_chain_head (aggregate_identifier, sequence_number, event_hash) FROM STDIN");
        text.setLength(0);
        links.forEach((aggregate, link) -> text.append(aggregate).append('\t').append(sequences.get(aggregate)[0] - 1).append('\t').append(link).append('\n'));
        bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        heads.writeToCopy(bytes, 0, bytes.length);
        heads.endCopy();
        store.commit();
        store.setAutoCommit(true);
        double seconds = (System.nanoTime() - start) / 1e9;
        long head;
        try (Statement statement = store.createStatement(); ResultSet max = statement.executeQuery("SELECT max(global_index), count(*) FROM domain_event_entry")) {
            max.next();
            head = max.getLong(1);
            AnalyticsSupport.require(max.getLong(2) == rows, "the store holds " + max.getLong(2) + " events, " + rows + " were written");
        }
        report.add("## End to end: the service's " + SINK + " processor");
        report.add("");
        report.add(String.format(Locale.ROOT, "Store: %,d money events of %,d wallets, %,d rows in all with the wallets' openings and the deposits' "
                + "activity, written by one COPY in %.1f s (%,.0f rows/s); head at global index %,d.", STORE_EVENTS, WALLETS, rows, seconds,
                rows / seconds, head));
        AnalyticsSupport.progress("store: %,d rows in %.1f s", rows, seconds);
        return head;
    }

    /** One domain_event_entry row in COPY text, as ChainedAppend writes it; answers 1. */
    static int row(StringBuilder text, StableNameSerializer serializer, Map<String, long[]> sequences, Map<String, String> links, String type,
                   String aggregate, Object payload, Instant at, Map<String, String> origin) {
        long sequence = sequences.computeIfAbsent(aggregate, key -> new long[1])[0]++;
        String id = UUID.randomUUID().toString();
        Map<String, String> metaData = new HashMap<>(origin);
        metaData.put("correlationId", id);
        metaData.put("traceId", id);
        var message = new GenericDomainEventMessage<>(type, aggregate, sequence, payload, MetaData.from(metaData), id, at);
        var serialized = message.serializePayload(serializer, byte[].class);
        EventHashChain.Row row = new EventHashChain.Row(aggregate, sequence, id, type, DateTimeUtils.formatInstant(at),
                serialized.getType().getName(), serialized.getType().getRevision(), serialized.getData(),
                message.serializeMetaData(serializer, byte[].class).getData());
        String link = EventHashChain.next(2, links.getOrDefault(aggregate, EventHashChain.GENESIS), row);
        links.put(aggregate, link);
        // No field holds a tab, a newline or a backslash; bytea goes as hex, its backslash doubled for COPY's text format.
        text.append(id).append('\t').append(aggregate).append('\t').append(sequence).append('\t').append(type).append('\t')
                .append(row.timeStamp()).append('\t').append(row.payloadType()).append('\t').append(row.payloadRevision()).append("\t\\\\x")
                .append(HexFormat.of().formatHex(row.payload())).append("\t\\\\x").append(HexFormat.of().formatHex(row.metaData())).append('\t')
                .append(link).append('\n');
        return 1;
    }

    // ----------------------------------------------------------------------------------------
    // The sink, timed

    /** Polls the sink's token from the service's launch until it reaches the head; reports the rate and where the CPU went. */
    static void follow(Connection store, Process service, long head, long startedAt) throws Exception {
        long[] cpuAtFirst = null; // service, PostgreSQL, ClickHouse: from the first stored token, so the service's start-up is left out
        long firstIndex = -1;
        long firstAt = 0;
        long lastIndex = -1;
        long lastProgress = System.nanoTime();
        long lastReport = System.nanoTime();
        while (lastIndex < head) {
            Thread.sleep(100);
            AnalyticsSupport.require(service.isAlive(), "the service stopped: see its log");
            long index = sinkIndex(store);
            long now = System.nanoTime();
            if (index > lastIndex) {
                lastProgress = now;
                lastIndex = index;
                if (firstIndex < 0) {
                    firstIndex = index;
                    firstAt = now;
                    cpuAtFirst = cpu(service);
                }
            }
            AnalyticsSupport.require(now - lastProgress < 180e9, "the sink's token has not moved for 180 s (at " + lastIndex + " of " + head + ")");
            if (now - lastReport > 10e9 && firstIndex >= 0) {
                AnalyticsSupport.progress("  sink at %,d of %,d, %,.0f events/s", lastIndex, head, (lastIndex - firstIndex) / ((now - firstAt) / 1e9));
                lastReport = now;
            }
        }
        long endAt = System.nanoTime();
        long[] cpu = cpu(service);
        long events = head - firstIndex;
        double steady = (endAt - firstAt) / 1e9;
        double whole = (endAt - startedAt) / 1e9;
        report.add("");
        report.add("| | seconds | store events/s |");
        report.add("|---|---:|---:|");
        report.add(String.format(Locale.ROOT, "| from the sink's first stored token (%,d) to the head | %.1f | %,.0f |", firstIndex, steady, events / steady));
        report.add(String.format(Locale.ROOT, "| from the service's launch to the head (its start-up included) | %.1f | %,.0f |", whole, head / whole));
        report.add("");
        report.add(String.format(Locale.ROOT, "CPU from the first stored token to the head, per store event: service %.1f µs, PostgreSQL %.1f µs, "
                + "ClickHouse %.1f µs.", (cpu[0] - cpuAtFirst[0]) * 1000.0 / events, (cpu[1] - cpuAtFirst[1]) * 1000.0 / events,
                (cpu[2] - cpuAtFirst[2]) * 1000.0 / events));
        AnalyticsSupport.progress("sink reached the head %,d: %.1f s from its first token", head, steady);
    }

    static long[] cpu(Process service) throws Exception {
        return new long[] {Proc.cpuMillis(service.pid()), Proc.postgresCpuMillis(), Proc.cpuMillis(CLICKHOUSE_PID)};
    }

    static long sinkIndex(Connection store) throws Exception {
        try (Statement statement = store.createStatement();
             ResultSet token = statement.executeQuery("SELECT convert_from(token, 'UTF8') FROM token_entry WHERE processor_name = '" + SINK + "'")) {
            long index = -1;
            while (token.next()) {
                Matcher matcher = TOKEN_INDEX.matcher(token.getString(1) == null ? "" : token.getString(1));
                index = matcher.find() ? Long.parseLong(matcher.group(1)) : index;
            }
            return index;
        }
    }

    /** The sink parked nothing, and ClickHouse holds each posting once, the deposits' activity, and the house's sums the events moved. */
    static void check(Connection store, AnalyticsEvents.Tally tally) throws Exception {
        AnalyticsSupport.require(single(store, "SELECT count(*) FROM dead_letter_entry WHERE processing_group = '" + SINK + "'") == 0, "the sink parked events");
        try (Connection clickHouse = clickHouse(CLICKHOUSE_DATABASE)) {
            long postings = single(clickHouse, "SELECT count() FROM postings FINAL");
            AnalyticsSupport.require(postings == tally.postings, "ClickHouse holds " + postings + " postings, the store " + tally.postings);
            long transactions = single(clickHouse, "SELECT count() FROM transactions FINAL");
            AnalyticsSupport.require(transactions == tally.events - tally.zeroWins, "ClickHouse holds " + transactions + " transactions, expected " + (tally.events - tally.zeroWins));
            Map<String, Long> house = sums(clickHouse, "SELECT asset, sum(amount_minor) FROM postings FINAL WHERE account = 'system:house' GROUP BY asset");
            AnalyticsSupport.require(house.equals(tally.houseNet), "the house's postings are " + house + " in ClickHouse, " + tally.houseNet + " in the store");
            long activity = single(clickHouse, "SELECT count() FROM activity FINAL");
            report.add("");
            report.add(String.format(Locale.ROOT, "Checked: ClickHouse holds the store's %,d postings and %,d transactions once each, %,d activity rows, "
                    + "and the house's net per currency as generated %s.", postings, transactions, activity, house));
        }
    }

    // ----------------------------------------------------------------------------------------
    // The service

    public static Process launch(String jar, String database, String clickHouseUrl) throws Exception {
        List<String> command = new ArrayList<>(List.of("java", "-Xmx2g"));
        command.addAll(List.of(AnalyticsSupport.env("BENCH_SERVICE_JAVA_OPTS", "").split("\\s+")));
        // The chain checkpoint would hash the whole bench store once a minute meanwhile; a live store's is a minute's events.
        command.addAll(List.of("-jar", jar, "--chipledger.audit.checkpoint-every=PT24H"));
        command.removeIf(String::isEmpty);
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> environment = builder.environment();
        environment.put("SPRING_DATASOURCE_URL", database);
        environment.put("SPRING_DATASOURCE_USERNAME", "postgres");
        environment.put("CHIPLEDGER_ADMIN_KEY", ADMIN_KEY);
        environment.put("SERVER_PORT", Integer.toString(PORT));
        environment.remove("CHIPLEDGER_CLICKHOUSE_URL");
        // The service's own Kafka broker, on a port and in a directory of the bench's, so a developer's service on 9092 is left alone.
        environment.put("CHIPLEDGER_KAFKA_EMBEDDED_PORT", ProcessorChecks.KAFKA_PORT);
        environment.put("CHIPLEDGER_KAFKA_EMBEDDED_LOG_DIR", Path.of(AnalyticsSupport.env("BENCH_WORK", "/tmp/chipledger-analytics-bench"), "kafka").toString());
        if (clickHouseUrl != null) {
            environment.put("CHIPLEDGER_CLICKHOUSE_URL", clickHouseUrl);
        }
        File log = Path.of(AnalyticsSupport.env("BENCH_WORK", "/tmp/chipledger-analytics-bench"), "service.log").toFile();
        return builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start();
    }

    public static void awaitHealth(Process service) throws Exception {
        long deadline = System.nanoTime() + 180_000_000_000L;
        while (System.nanoTime() < deadline) {
            AnalyticsSupport.require(service.isAlive(), "the service exited at start: see service.log");
            try {
                HttpURLConnection health = (HttpURLConnection) new URL("http://127.0.0.1:" + PORT + "/actuator/health").openConnection();
                health.setConnectTimeout(1000);
                if (health.getResponseCode() == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // Not listening yet.
            }
            Thread.sleep(250);
        }
        service.destroyForcibly();
        throw new IllegalStateException("the service did not start within 180 s: see service.log");
    }

    public static void stop(Process service) throws InterruptedException {
        service.destroy();
        if (!service.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            service.destroyForcibly().waitFor();
        }
    }

    // ----------------------------------------------------------------------------------------
    // Helpers

    static Connection clickHouse(String database) throws Exception {
        Properties credentials = new Properties();
        credentials.setProperty("user", "default");
        credentials.setProperty("password", "");
        return DriverManager.getConnection("jdbc:clickhouse://" + CLICKHOUSE + "/" + database + "?compress=false", credentials);
    }

    static long single(Connection clickHouse, String sql) throws Exception {
        try (Statement statement = clickHouse.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            AnalyticsSupport.require(row.next(), "no answer to " + sql);
            return row.getLong(1);
        }
    }

    static Map<String, Long> sums(Connection clickHouse, String sql) throws Exception {
        Map<String, Long> sums = new java.util.TreeMap<>();
        try (Statement statement = clickHouse.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            while (row.next()) {
                sums.put(row.getString(1), row.getLong(2));
            }
        }
        return sums;
    }

    /** CPU time of processes, from /proc (clock ticks of 10 ms). */
    static final class Proc {
        static long cpuMillis(long pid) {
            try {
                String[] fields = Files.readString(Path.of("/proc/" + pid + "/stat")).replaceFirst(".*\\) ", "").split(" ");
                return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
            } catch (Exception gone) {
                return 0;
            }
        }

        static long postgresCpuMillis() throws Exception {
            long total = 0;
            try (var processes = Files.list(Path.of("/proc"))) {
                for (Path process : (Iterable<Path>) processes::iterator) {
                    String name = process.getFileName().toString();
                    try {
                        if (name.chars().allMatch(Character::isDigit) && Files.readString(process.resolve("comm")).trim().equals("postgres")) {
                            total += cpuMillis(Long.parseLong(name));
                        }
                    } catch (java.io.IOException ended) {
                        // The process ended while listed; the figure is a sum over the living ones anyway.
                    }
                }
            }
            return total;
        }
    }
}
