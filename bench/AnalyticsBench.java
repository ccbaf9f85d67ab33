import io.chipledger.analytics.clickhouse.AnalyticsMappings;
import io.chipledger.analytics.clickhouse.ClickHouseSchema;
import io.chipledger.analytics.clickhouse.SinkRow;
import io.chipledger.analytics.clickhouse.SinkRows;
import io.chipledger.analytics.report.GgrReport;
import io.chipledger.analytics.report.GgrReport.GroupBy;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The analytics figures of issue 14 that need no service: the ClickHouse sink's own write path
 * ({@code sink}) and the GGR report over ten million postings ({@code ggr}). bench/analytics.sh
 * starts a ClickHouse of its own and calls it:
 *
 * <pre>java -cp &lt;classes&gt; bench/AnalyticsBench.java sink ggr</pre>
 *
 * Settings come from the environment (BENCH_*, see {@link Settings}). Every figure is checked
 * against ClickHouse afterwards; a figure that does not add up ends the run with an exception.
 */
public class AnalyticsBench {

    record Settings(String clickHouse, long sinkEvents, int[] batches, int partners, int wallets, long ggrPostings, int ggrPlayers,
                    int runs, long clickHousePid) {

        static Settings fromEnvironment() {
            return new Settings(AnalyticsSupport.env("BENCH_CLICKHOUSE", "127.0.0.1:8124"), Long.parseLong(AnalyticsSupport.env("BENCH_SINK_EVENTS", "1000000")),
                    Arrays.stream(AnalyticsSupport.env("BENCH_BATCH_EVENTS", "1000 10000").trim().split("\\s+")).mapToInt(Integer::parseInt).toArray(),
                    Integer.parseInt(AnalyticsSupport.env("BENCH_PARTNERS", "5")), Integer.parseInt(AnalyticsSupport.env("BENCH_WALLETS", "10000")),
                    Long.parseLong(AnalyticsSupport.env("BENCH_GGR_POSTINGS", "10000000")), Integer.parseInt(AnalyticsSupport.env("BENCH_GGR_PLAYERS", "20000")), Integer.parseInt(AnalyticsSupport.env("BENCH_GGR_RUNS", "5")),
                    Long.parseLong(AnalyticsSupport.env("BENCH_CLICKHOUSE_PID", "0")));
        }
    }

    static final String SINK_DATABASE = "chipledger_analytics_sink_bench";
    static final String GGR_DATABASE = "chipledger_analytics_ggr_bench";
    static final List<String> CURRENCIES = List.of("USD", "EUR", "KRW");
    /** The ninety days of the GGR data: [GGR_FIRST_DAY, GGR_END). */
    static final LocalDate GGR_FIRST_DAY = LocalDate.parse("2026-08-01");
    static final LocalDate GGR_END = GGR_FIRST_DAY.plusDays(90);

    static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();
    static Settings settings;
    static final List<String> report = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        settings = Settings.fromEnvironment();
        List<String> phases = Arrays.asList(args.length == 0 ? new String[] {"sink", "ggr"} : args);
        try {
            if (phases.contains("sink")) {
                sink();
            }
            if (phases.contains("ggr")) {
                ggr();
            }
        } finally {
            System.out.println();
            report.forEach(System.out::println);
        }
    }

    // ----------------------------------------------------------------------------------------
    // The sink's write path: the mapping and the insert the clickhouse-sink processor runs per batch.

    static void sink() throws Exception {
        report.add("## Sink write path: AnalyticsMappings.rows + SinkRows.insert, one insert per table per batch");
        report.add("");
        report.add("| batch, events | events/s | rows/s | mapping, µs/event | insert, µs/event | of which the driver's CPU | ClickHouse CPU, µs/event: "
                + "inserts + merges | other processes' CPU, s |");
        report.add("|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (int batch : settings.batches()) {
            sink(batch);
        }
        report.add("");
    }

    /** One run of BENCH_SINK_EVENTS events in batches of {@code batch}, into a fresh database; one line of the table. */
    static void sink(int batch) throws Exception {
        try (Connection clickHouse = freshDatabase(SINK_DATABASE)) {
            ClickHouseSchema.apply(clickHouse);
            AnalyticsEvents generator = new AnalyticsEvents(14, settings.partners(), settings.wallets());
            Instant first = Instant.parse("2026-11-01T00:00:00Z");
            long mapNanos = 0;
            long insertNanos = 0;
            long insertCpuNanos = 0; // this thread's CPU inside SinkRows.insert: the driver's work; the rest is waiting for ClickHouse
            Map<String, Long> rowsByTable = new TreeMap<>();
            Map<String, Long> clickHouseBefore = clickHouseCpuByThread();
            long machineBefore = machineBusyMillis();
            long benchBefore = benchCpuMillis();
            AnalyticsSupport.progress("sink: %,d events in batches of %,d into %s", settings.sinkEvents(), batch, SINK_DATABASE);
            for (long position = 1; position <= settings.sinkEvents(); ) {
                // Made outside the clock: what the processor has in hand when its handler is called.
                int size = (int) Math.min(batch, settings.sinkEvents() - position + 1);
                List<AnalyticsEvents.Generated> events = generator.next(size);
                String[] ids = new String[size];
                for (int index = 0; index < size; index++) {
                    ids[index] = generator.uuid();
                }

                long start = System.nanoTime();
                List<SinkRow> rows = new ArrayList<>(size * 3);
                Map<String, Long> positions = new HashMap<>(size * 2);
                for (int index = 0; index < size; index++, position++) {
                    rows.addAll(AnalyticsMappings.rows(events.get(index).event(), ids[index], first.plusMillis(100 * position)));
                    positions.put(ids[index], position);
                }
                long mapped = System.nanoTime();
                long cpuStart = THREADS.getCurrentThreadCpuTime();
                SinkRows.insert(clickHouse, rows, positions);
                insertCpuNanos += THREADS.getCurrentThreadCpuTime() - cpuStart;
                long inserted = System.nanoTime();

                mapNanos += mapped - start;
                insertNanos += inserted - mapped;
                rows.forEach(row -> rowsByTable.merge(row.table().name(), 1L, Long::sum));
                if (position % 200_000 < size) {
                    AnalyticsSupport.progress("  %,d events, %,.0f events/s so far", position - 1, (position - 1) / ((mapNanos + insertNanos) / 1e9));
                }
            }
            Map<String, Long> clickHouseAfter = clickHouseCpuByThread();
            long bench = benchCpuMillis() - benchBefore;
            long clickHouseCpu = clickHouseAfter.values().stream().mapToLong(Long::longValue).sum()
                    - clickHouseBefore.values().stream().mapToLong(Long::longValue).sum();
            long others = machineBusyMillis() - machineBefore - clickHouseCpu - bench;
            checkSink(clickHouse, generator.tally, rowsByTable);

            long events = settings.sinkEvents();
            long rows = rowsByTable.values().stream().mapToLong(Long::longValue).sum();
            double seconds = (mapNanos + insertNanos) / 1e9;
            double inserts = (clickHouseAfter.getOrDefault("HTTPHandler", 0L) - clickHouseBefore.getOrDefault("HTTPHandler", 0L)) * 1000.0 / events;
            double merges = (clickHouseAfter.getOrDefault("BackgrProcPool", 0L) - clickHouseBefore.getOrDefault("BackgrProcPool", 0L)) * 1000.0 / events;
            report.add(String.format(Locale.ROOT, "| %,d | **%,.0f** | %,.0f | %.1f | %.1f | %.1f | %.1f + %.1f | %.1f |", batch, events / seconds, rows / seconds,
                    mapNanos / 1e3 / events, insertNanos / 1e3 / events, insertCpuNanos / 1e3 / events, inserts, merges, others / 1000.0));
            AnalyticsSupport.progress("sink: batches of %,d: %,.0f events/s; %,d events -> %s rows; %,d lost rounds (a win of 0, no rows)", batch, events / seconds,
                    events, rowsByTable, generator.tally.zeroWins);
        }
    }

    /** ClickHouse must hold exactly what was written, once (FINAL), and the house's postings must be what the events moved. */
    static void checkSink(Connection clickHouse, AnalyticsEvents.Tally tally, Map<String, Long> rowsByTable) throws SQLException {
        long postings = single(clickHouse, "SELECT count() FROM postings FINAL");
        long postingsRaw = single(clickHouse, "SELECT count() FROM postings");
        AnalyticsSupport.require(postings == tally.postings && postings == rowsByTable.get("postings") && postingsRaw == postings,
                "postings: ClickHouse holds " + postings + " (" + postingsRaw + " before FINAL), the events had " + tally.postings);
        long transactions = single(clickHouse, "SELECT count() FROM transactions FINAL");
        AnalyticsSupport.require(transactions == tally.events - tally.zeroWins && transactions == rowsByTable.get("transactions"),
                "transactions: ClickHouse holds " + transactions + ", expected " + (tally.events - tally.zeroWins));
        AnalyticsSupport.require(single(clickHouse, "SELECT count() FROM (SELECT asset, sum(amount_minor) AS s FROM postings FINAL GROUP BY asset HAVING s != 0)") == 0,
                "the postings do not sum to zero per asset");
        Map<String, Long> house = sums(clickHouse, "SELECT asset, sum(amount_minor) FROM postings FINAL WHERE account = 'system:house' GROUP BY asset");
        AnalyticsSupport.require(house.equals(tally.houseNet), "the house's postings are " + house + " in ClickHouse, " + tally.houseNet + " in the events");
        AnalyticsSupport.progress("sink: checked — %,d postings and %,d transactions once each, house net %s as generated", postings, transactions, house);
    }

    // ----------------------------------------------------------------------------------------
    // GGR over ten million postings.

    static void ggr() throws Exception {
        try (Connection clickHouse = freshDatabase(GGR_DATABASE)) {
            ClickHouseSchema.apply(clickHouse);
            long events = settings.ggrPostings() / 2;
            AnalyticsSupport.progress("ggr: filling postings with %,d rows (%,d events, %,d players, 90 days from %s)", events * 2, events, settings.ggrPlayers(),
                    GGR_FIRST_DAY);
            long start = System.nanoTime();
            try (Statement statement = clickHouse.createStatement()) {
                statement.execute(AnalyticsGgrData.fill(events, settings.ggrPlayers(), GGR_FIRST_DAY, 90));
            }
            double fillSeconds = (System.nanoTime() - start) / 1e9;
            long rows = single(clickHouse, "SELECT count() FROM postings");
            AnalyticsSupport.require(rows == events * 2, "postings holds " + rows + " rows, not " + events * 2);
            AnalyticsSupport.require(single(clickHouse, "SELECT count() FROM (SELECT event_id, sum(amount_minor) AS s FROM postings GROUP BY event_id "
                    + "HAVING s != 0 OR count() != 2)") == 0, "an event's two postings do not sum to zero");
            AnalyticsSupport.progress("ggr: %,d rows in %.1f s (%,.0f rows/s)", rows, fillSeconds, rows / fillSeconds);

            report.add("## GGR report (GgrReport.byDay) over " + String.format(Locale.ROOT, "%,d", rows) + " postings");
            report.add("");
            report.add(String.format(Locale.ROOT, "filled in %.1f s; %s", fillSeconds, AnalyticsGgrData.describe(clickHouse, GGR_DATABASE)));
            report.add("");
            timeReports(clickHouse, "as inserted, " + parts(clickHouse));
            crossCheck(clickHouse);
            AnalyticsSupport.progress("ggr: OPTIMIZE TABLE postings FINAL (one part per month, the best case)");
            long optimizeStart = System.nanoTime();
            try (Statement statement = clickHouse.createStatement()) {
                statement.execute("OPTIMIZE TABLE postings FINAL");
            }
            report.add(String.format(Locale.ROOT, "OPTIMIZE TABLE postings FINAL took %.1f s", (System.nanoTime() - optimizeStart) / 1e9));
            report.add("");
            timeReports(clickHouse, "merged, " + parts(clickHouse));
            whereTheTimeGoes(clickHouse);
        }
    }

    /** Each period, scope and grouping: one warm-up, then the median of BENCH_GGR_RUNS runs. */
    static void timeReports(Connection clickHouse, String state) throws Exception {
        long machineBefore = machineBusyMillis();
        long ownBefore = benchCpuMillis() + clickHouseCpuByThread().values().stream().mapToLong(Long::longValue).sum();
        long wallBefore = System.nanoTime();
        report.add("Median of " + settings.runs() + " runs after one warm-up, ms (" + state + "):");
        report.add("");
        report.add("| period | partners | by day | by game | by currency | lines (day/game/currency) |");
        report.add("|---|---|---:|---:|---:|---|");
        for (int days : new int[] {30, 90}) {
            for (String partner : new String[] {"partner-a", null}) {
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "| %d days | %s |", days,
                        partner == null ? "all" : partner + " (the largest)"));
                List<Integer> lines = new ArrayList<>();
                for (GroupBy groupBy : GroupBy.values()) {
                    LocalDate from = GGR_END.minusDays(days);
                    lines.add(GgrReport.byDay(clickHouse, partner, from, GGR_END, groupBy, CURRENCIES).size());
                    long[] millis = new long[settings.runs()];
                    for (int run = 0; run < millis.length; run++) {
                        long start = System.nanoTime();
                        GgrReport.byDay(clickHouse, partner, from, GGR_END, groupBy, CURRENCIES);
                        millis[run] = (System.nanoTime() - start) / 1_000_000;
                    }
                    Arrays.sort(millis);
                    line.append(' ').append(millis[millis.length / 2]).append(" |");
                    AnalyticsSupport.progress("ggr: %d days, %s, by %s: median %d ms (runs %s)", days, partner == null ? "all partners" : partner, groupBy,
                            millis[millis.length / 2], Arrays.toString(millis));
                }
                report.add(line.append(' ').append(lines.get(0)).append('/').append(lines.get(1)).append('/').append(lines.get(2)).append(" |")
                        .toString());
            }
        }
        long own = benchCpuMillis() + clickHouseCpuByThread().values().stream().mapToLong(Long::longValue).sum() - ownBefore;
        double seconds = (System.nanoTime() - wallBefore) / 1e9;
        report.add("");
        report.add(String.format(Locale.ROOT, "Other processes used %.2f of the 2 cores meanwhile (%.0f s of timings).",
                (machineBusyMillis() - machineBefore - own) / 1000.0 / seconds, seconds));
        report.add("");
    }

    /**
     * Where the widest report's time goes: the bets and wins of all partners over the 90 days per
     * currency, summed as Int64 without FINAL, with FINAL, and as Decimal128 with FINAL (what
     * GgrReport does); no row is doubled here, so all three give the same sums.
     */
    static void whereTheTimeGoes(Connection clickHouse) throws SQLException {
        String where = " WHERE account = 'system:house' AND day >= toDate('" + GGR_FIRST_DAY + "') AND day < toDate('" + GGR_END + "') GROUP BY partner_id, asset";
        String int64 = "SELECT partner_id, asset, sumIf(amount_minor, transaction_type IN ('BetPlaced', 'BetRolledBack')), "
                + "-sumIf(amount_minor, transaction_type = 'WinPaid') FROM postings";
        String decimal = "SELECT partner_id, asset, toString(sumIf(toDecimal128(amount_minor, 0), transaction_type IN ('BetPlaced', 'BetRolledBack'))), "
                + "toString(-sumIf(toDecimal128(amount_minor, 0), transaction_type = 'WinPaid')) FROM postings FINAL";
        report.add(String.format(Locale.ROOT, "Where the time goes, all partners, 90 days, per currency (median of %d, ms): Int64 sums without FINAL %d, "
                + "with FINAL %d, Decimal128 sums with FINAL %d.", settings.runs(), medianMillis(clickHouse, int64 + where),
                medianMillis(clickHouse, int64 + " FINAL" + where), medianMillis(clickHouse, decimal + where)));
        report.add("");
    }

    static long medianMillis(Connection clickHouse, String sql) throws SQLException {
        long[] millis = new long[settings.runs() + 1]; // the first is the warm-up
        for (int run = 0; run < millis.length; run++) {
            long start = System.nanoTime();
            single(clickHouse, "SELECT count() FROM (" + sql + ")");
            millis[run] = (System.nanoTime() - start) / 1_000_000;
        }
        Arrays.sort(millis, 1, millis.length);
        return millis[1 + settings.runs() / 2];
    }

    /**
     * One figure by another road: the report's GGR of the largest partner over the 90 days, in
     * USD, against the players' side of the same events summed in plain SQL (no FINAL, no sumIf:
     * every bet, win and rollback moves the player's account by minus what it moves the house's),
     * and the sum of its day lines against its currency line.
     */
    static void crossCheck(Connection clickHouse) throws SQLException {
        LocalDate from = GGR_FIRST_DAY;
        GgrReport.Line total = GgrReport.byDay(clickHouse, "partner-a", from, GGR_END, GroupBy.CURRENCY, List.of("USD")).get(0);
        long plain = -single(clickHouse, "SELECT sum(amount_minor) FROM postings WHERE partner_id = 'partner-a' AND asset = 'USD' "
                + "AND account_kind = 'player' AND transaction_type IN ('BetPlaced', 'WinPaid', 'BetRolledBack') "
                + "AND occurred_at >= toDateTime('" + from + " 00:00:00') AND occurred_at < toDateTime('" + GGR_END + " 00:00:00')");
        BigInteger byDays = GgrReport.byDay(clickHouse, "partner-a", from, GGR_END, GroupBy.DAY, List.of("USD")).stream()
                .map(GgrReport.Line::ggrMinor).reduce(BigInteger.ZERO, BigInteger::add);
        AnalyticsSupport.require(total.ggrMinor().equals(BigInteger.valueOf(plain)) && byDays.equals(BigInteger.valueOf(plain)) && plain != 0,
                "GGR of partner-a in USD: report " + total.ggrMinor() + ", its days " + byDays + ", plain SQL " + plain);
        report.add(String.format(Locale.ROOT, "Cross-check: partner-a, 90 days, USD: GgrReport %,d minor units (bets %,d, wins %,d) = "
                + "the sum of its 90 day lines = minus the players' postings in plain SQL.", total.ggrMinor(), total.betsMinor(), total.winsMinor()));
        report.add("");
    }

    static String parts(Connection clickHouse) throws SQLException {
        return single(clickHouse, "SELECT count() FROM system.parts WHERE database = '" + GGR_DATABASE + "' AND table = 'postings' AND active")
                + " active parts";
    }

    // ----------------------------------------------------------------------------------------
    // Helpers

    /** Drops and creates {@code database}, and answers a connection to it (as ClickHouseSettings.connect opens one). */
    static Connection freshDatabase(String database) throws SQLException {
        try (Connection server = connect("default"); Statement statement = server.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database);
            statement.execute("CREATE DATABASE " + database);
        }
        return connect(database);
    }

    static Connection connect(String database) throws SQLException {
        Properties credentials = new Properties();
        credentials.setProperty("user", "default");
        credentials.setProperty("password", "");
        return DriverManager.getConnection("jdbc:clickhouse://" + settings.clickHouse() + "/" + database + "?compress=false", credentials);
    }

    static long single(Connection clickHouse, String sql) throws SQLException {
        try (Statement statement = clickHouse.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            AnalyticsSupport.require(row.next(), "no answer to " + sql);
            return row.getLong(1);
        }
    }

    static Map<String, Long> sums(Connection clickHouse, String sql) throws SQLException {
        Map<String, Long> sums = new TreeMap<>();
        try (Statement statement = clickHouse.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            while (row.next()) {
                sums.put(row.getString(1), row.getLong(2));
            }
        }
        return sums;
    }

    /**
     * The ClickHouse server's CPU time (user + system) per thread name, from /proc: HTTPHandler
     * threads run the inserts (parse the rows, write the new part), BackgrProcPool threads merge
     * parts. Empty without BENCH_CLICKHOUSE_PID.
     */
    static Map<String, Long> clickHouseCpuByThread() throws Exception {
        Map<String, Long> cpu = new TreeMap<>();
        if (settings.clickHousePid() == 0) {
            return cpu;
        }
        try (var threads = Files.list(Path.of("/proc/" + settings.clickHousePid() + "/task"))) {
            for (Path thread : (Iterable<Path>) threads::iterator) {
                try {
                    String[] fields = Files.readString(thread.resolve("stat")).replaceFirst(".*\\) ", "").split(" ");
                    cpu.merge(Files.readString(thread.resolve("comm")).trim(), (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10, Long::sum);
                } catch (java.io.IOException ended) {
                    // The thread ended while listed.
                }
            }
        }
        return cpu;
    }

    /** CPU time all processes of the machine spent (user, nice, system, interrupts), from /proc/stat. */
    static long machineBusyMillis() throws Exception {
        String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long busy = 0;
        for (int index : new int[] {1, 2, 3, 6, 7, 8}) {
            busy += Long.parseLong(fields[index]);
        }
        return busy * 10;
    }

    static long benchCpuMillis() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime()
                / 1_000_000;
    }
}
