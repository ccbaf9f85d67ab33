import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The performance harness of issue 3, in one run: ChipLedger over HTTP against the row-lock
 * design under pgbench, at the same concurrencies, plus projection lag, rebuild speed and the
 * load time of a long-lived wallet. Java 17; bench/run.sh prepares the databases and the jar,
 * compiles the bench classes (bench/lib.sh) and calls it:
 *
 *   java -cp bench/target/classes LoadHarness &lt;jar&gt; &lt;database-url&gt; &lt;rowlock-database&gt;
 *
 * Settings come from the environment (BENCH_*), see {@link Settings}. The service is started and
 * restarted by the harness itself ({@link BenchService}), so it can read its CPU time and RSS from
 * /proc. Clients speak HTTP/1.1 over one keep-alive socket each ({@link Http}).
 */
public class LoadHarness {

    record Settings(int seconds, int wallets, int[] concurrencies, long storeEvents, int hotWallets, long hotWalletEvents,
                    int lagRatePerSecond, int port) {

        static Settings fromEnvironment() {
            return new Settings(
                    BenchSupport.intEnv("BENCH_SECONDS", 30),
                    BenchSupport.intEnv("BENCH_WALLETS", 10_000),
                    Arrays.stream(BenchSupport.env("BENCH_CONCURRENCY", "16 64 256").trim().split("\\s+")).mapToInt(Integer::parseInt).toArray(),
                    Long.parseLong(BenchSupport.env("BENCH_STORE_EVENTS", "1000000")),
                    BenchSupport.intEnv("BENCH_HOT_WALLETS", 3),
                    Long.parseLong(BenchSupport.env("BENCH_HOT_WALLET_EVENTS", "100000")),
                    BenchSupport.intEnv("BENCH_LAG_RATE", 2_000),
                    BenchSupport.intEnv("BENCH_PORT", 18080));
        }
    }

    static final Duration REBUILD_MAX = Duration.ofMinutes(30);
    /** Warm-up before the measured runs (BENCH_WARMUP_SECONDS): the JIT compiles for minutes on two cores. */
    static final Duration WARM_UP = Duration.ofSeconds(BenchSupport.intEnv("BENCH_WARMUP_SECONDS", 15));
    /** Lag probes per second during the paced run. */
    static final int LAG_PROBES_PER_SECOND = 20;
    static final int LATENCIES_PER_CLIENT_MAX = 1 << 22;

    static Settings settings;
    static BenchService service;
    static String apiKey;
    static final List<String> report = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: LoadHarness <jar> <database-url> <rowlock-database>");
        }
        settings = Settings.fromEnvironment();
        service = new BenchService(Path.of(args[0]), args[1], settings.port(), BenchSupport.env("BENCH_JAVA", "java"),
                BenchSupport.env("BENCH_JAVA_OPTS", "-Xmx2g"), Path.of("bench/service.log"));
        String rowLockDatabase = args[2];
        try {
            service.start();
            apiKey = BenchLedger.registerPartner(settings.port());
            BenchLedger.fundWallets(settings.port(), apiKey, walletIds());
            BenchSupport.progress("warm-up: %d s at 64 clients", WARM_UP.toSeconds());
            runLoad(64, WARM_UP, 0);
            awaitProjections();

            report.add("| clients | ChipLedger cmd/s | p50 ms | p99 ms | p99.9 ms | errors | service CPU ms/cmd | PostgreSQL CPU ms/cmd "
                    + "| row-lock tx/s | row-lock p50 ms | row-lock p99 ms | row-lock p99.9 ms | ratio |");
            report.add("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            double lastRowLock = Double.NaN;
            int lastRowLockClients = 0;
            for (int clients : settings.concurrencies()) {
                BenchSupport.progress("ChipLedger: %d clients for %d s", clients, settings.seconds());
                LoadResult ledger = runLoad(clients, Duration.ofSeconds(settings.seconds()), 0);
                awaitProjections();
                BenchSupport.progress("row-lock design under pgbench: up to %d clients for %d s", clients, settings.seconds());
                int rowLockClients = PgBench.clientsFor(clients);
                LoadResult rowLock = PgBench.run(rowLockDatabase, rowLockClients, settings.seconds());
                report.add(String.format(Locale.ROOT, "| %d | %.0f | %.1f | %.1f | %.1f | %d | %.2f | %.2f | %.0f%s | %.1f | %.1f | %.1f | %.2f |",
                        clients, ledger.perSecond(), BenchSupport.ms(ledger.p50()), BenchSupport.ms(ledger.p99()), BenchSupport.ms(ledger.p999()), ledger.errors(),
                        ledger.serviceCpuMsPerCommand(), ledger.databaseCpuMsPerCommand(),
                        rowLock.perSecond(), rowLockClients == clients ? "" : " (" + rowLockClients + " connections)", BenchSupport.ms(rowLock.p50()), BenchSupport.ms(rowLock.p99()), BenchSupport.ms(rowLock.p999()),
                        ledger.perSecond() / rowLock.perSecond()));
                lastRowLock = rowLock.perSecond();
                lastRowLockClients = clients;
            }
            int batchClients = BenchSupport.intEnv("BENCH_BATCH_CLIENTS", 4);
            BenchSupport.progress("ChipLedger batches: %d clients sending batches of %d for %d s", batchClients, BenchLedger.BATCH_COMMANDS, settings.seconds());
            LoadResult batches = runBatches(batchClients, Duration.ofSeconds(settings.seconds()));
            awaitProjections();
            report.add(String.format(Locale.ROOT, "| batches of %d, %d clients | %.0f | %.1f | %.1f | %.1f | %d | %.2f | %.2f | %.0f (at %d) | | | | %.2f |",
                    BenchLedger.BATCH_COMMANDS, batchClients, batches.perSecond(), BenchSupport.ms(batches.p50()), BenchSupport.ms(batches.p99()), BenchSupport.ms(batches.p999()),
                    batches.errors(), batches.serviceCpuMsPerCommand(), batches.databaseCpuMsPerCommand(), lastRowLock,
                    lastRowLockClients, batches.perSecond() / lastRowLock));
            report.add("(batch latencies are per batch of " + BenchLedger.BATCH_COMMANDS + " commands; the ratio is to the row-lock figure of the last run above)");
            report.add("");
            report.add("service RSS after the load runs: " + service.rssMiB() + " MiB, with " + (settings.wallets() + settings.hotWallets())
                    + " wallets funded");

            projectionLag();
            fillStore();
            rebuild("wallet-balances");
            rebuild("wallet-transactions");
            verification();
            longLivedWalletLoad();
        } finally {
            service.stop();
            System.out.println();
            report.forEach(System.out::println);
        }
    }

    // ----------------------------------------------------------------------------------------
    // Phases

    /** The wallets funded at the start: w0 … w(n-1), then the hot wallets hot0 …. */
    static List<String> walletIds() {
        List<String> wallets = new ArrayList<>();
        for (int i = 0; i < settings.wallets(); i++) {
            wallets.add("w" + i);
        }
        for (int i = 0; i < settings.hotWallets(); i++) {
            wallets.add("hot" + i);
        }
        return wallets;
    }

    /**
     * Batches of BenchLedger.BATCH_COMMANDS commands (issue 18): each client sends game rounds on random
     * wallets (a bet, then its win or rollback, in the same batch), each command with a fresh key.
     * Counts commands, and as errors the commands not answered 200.
     */
    static LoadResult runBatches(int clients, Duration duration) throws Exception {
        AtomicLong errors = new AtomicLong();
        AtomicLong commands = new AtomicLong();
        long deadline = System.nanoTime() + duration.toNanos();
        String run = Long.toString(System.nanoTime(), 36);
        Meter meter = Meter.start();
        List<long[]> latencies = BenchSupport.runClients(clients, client -> {
            Recorder recorder = new Recorder();
            try (Http http = Http.open(settings.port())) {
                for (long batch = 0; System.nanoTime() < deadline; batch++) {
                    StringBuilder body = new StringBuilder("{\"commands\":[");
                    for (int round = 0; round < BenchLedger.BATCH_COMMANDS / 2; round++) {
                        String wallet = "w" + ThreadLocalRandom.current().nextInt(settings.wallets());
                        for (String[] command : BenchLedger.round(run + "-" + client + "-" + batch + "-" + round)) {
                            String operation = command[0].substring(1, command[0].length() - 1);
                            body.append(body.length() > 13 ? "," : "").append("{\"operation\":\"").append(operation)
                                    .append("\",\"player_id\":\"").append(wallet).append("\",").append(command[1].substring(1));
                        }
                    }
                    long sent = System.nanoTime();
                    Http.Response response = http.send("POST", "/api/v1/batches", "X-API-Key", apiKey, body.append("]}").toString());
                    recorder.record(System.nanoTime() - sent);
                    int ok = response.status() == 200 ? countOf(response.body(), "\"status\":200") : 0;
                    commands.addAndGet(BenchLedger.BATCH_COMMANDS);
                    errors.addAndGet(BenchLedger.BATCH_COMMANDS - ok);
                }
            }
            return recorder.latencies();
        });
        return meter.result(commands.get(), errors.get(), latencies);
    }

    static int countOf(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }

    /** Verifies the whole store through the audit API and reports events/s. */
    static void verification() throws Exception {
        try (Http http = Http.open(settings.port())) {
            BenchSupport.progress("verifying the store");
            long start = System.nanoTime();
            Http.Response started = http.send("POST", "/audit/v1/verifications", "X-Admin-Key", BenchService.ADMIN_KEY, null);
            Http.requireStatus(started, 202);
            String id = Http.field(new Http.Response(200, started.body()), "verification_id");
            Http.Response status;
            do {
                Thread.sleep(500);
                status = http.send("GET", "/audit/v1/verifications/" + id, "X-Admin-Key", BenchService.ADMIN_KEY, null);
                if (System.nanoTime() - start > REBUILD_MAX.toNanos()) {
                    throw new IllegalStateException("the verification did not end within " + REBUILD_MAX);
                }
            } while (Http.field(status, "status").equals("running"));
            double seconds = (System.nanoTime() - start) / 1e9;
            long events = Long.parseLong(Http.numberField(status, "events_checked"));
            report.add(String.format(Locale.ROOT, "verification of the store: %d events in %.1f s, %.0f events/s, %s", events, seconds,
                    events / seconds, Http.field(status, "status")));
        }
    }

    /** The service's and PostgreSQL's CPU and the clock from its start: what a load run cost. */
    record Meter(long serviceCpuMillis, long databaseCpuMillis, long startNanos) {

        static Meter start() throws IOException {
            return new Meter(service.cpuMillis(), BenchService.postgresCpuMillis(), System.nanoTime());
        }

        LoadResult result(long commands, long errors, List<long[]> latencies) throws IOException {
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
            return new LoadResult(commands, seconds, errors, all, (service.cpuMillis() - serviceCpuMillis) / (double) commands,
                    (BenchService.postgresCpuMillis() - databaseCpuMillis) / (double) commands);
        }
    }

    record LoadResult(long commands, double seconds, long errors, long[] sortedLatencies,
                      double serviceCpuMsPerCommand, double databaseCpuMsPerCommand) {

        double perSecond() {
            return commands / seconds;
        }

        long p50() {
            return BenchSupport.percentile(sortedLatencies, 0.50);
        }

        long p99() {
            return BenchSupport.percentile(sortedLatencies, 0.99);
        }

        long p999() {
            return BenchSupport.percentile(sortedLatencies, 0.999);
        }
    }

    /**
     * Each client plays rounds on random wallets: a bet of 1.00, then a win of 0.50 (three
     * rounds in four) or a rollback of the bet, each with a fresh idempotency key. With a rate,
     * the clients together send at most that many commands per second.
     */
    static LoadResult runLoad(int clients, Duration duration, int ratePerSecond) throws Exception {
        AtomicLong errors = new AtomicLong();
        long deadline = System.nanoTime() + duration.toNanos();
        long nanosPerCommandPerClient = ratePerSecond == 0 ? 0 : 1_000_000_000L * clients / ratePerSecond;
        String run = Long.toString(System.nanoTime(), 36);
        Meter meter = Meter.start();
        List<long[]> latencies = BenchSupport.runClients(clients, client -> {
            Recorder recorder = new Recorder();
            try (Http http = Http.open(settings.port())) {
                long next = System.nanoTime();
                for (long round = 0; System.nanoTime() < deadline; round++) {
                    String wallet = "w" + ThreadLocalRandom.current().nextInt(settings.wallets());
                    for (String[] command : BenchLedger.round(run + "-" + client + "-" + round)) {
                        if (nanosPerCommandPerClient > 0) {
                            next += nanosPerCommandPerClient;
                            LockSupport.parkNanos(next - System.nanoTime());
                        }
                        long sent = System.nanoTime();
                        Http.Response response = http.send("POST", "/api/v1/wallets/" + wallet + command[0], "X-API-Key", apiKey, command[1]);
                        recorder.record(System.nanoTime() - sent);
                        if (response.status() != 200) {
                            errors.incrementAndGet();
                        }
                    }
                }
            }
            return recorder.latencies();
        });
        return meter.result(latencies.stream().mapToLong(client -> client.length).sum(), errors.get(), latencies);
    }

    /**
     * Projection lag under a paced load: a probe places a bet, then reads its wallet and its
     * history with consistent_with set to the bet's position. The service answers a read only
     * when the projection has processed that position, so the time from the bet's answer to the
     * later of the two reads is the lag of both projections.
     */
    static void projectionLag() throws Exception {
        int clients = 64;
        BenchSupport.progress("projection lag: paced load of %d commands/s for %d s, %d probes/s", settings.lagRatePerSecond(), settings.seconds(),
                LAG_PROBES_PER_SECOND);
        long deadline = System.nanoTime() + Duration.ofSeconds(settings.seconds()).toNanos();
        Thread probe = new Thread(() -> {
            Recorder lags = new Recorder();
            try (Http http = Http.open(settings.port())) {
                for (long i = 0; System.nanoTime() < deadline; i++) {
                    String betId = "probe-" + System.nanoTime();
                    Http.Response bet = http.send("POST", "/api/v1/wallets/hot0/bets", "X-API-Key", apiKey,
                            "{\"amount\":\"0.01\",\"currency\":\"USD\",\"game_id\":\"probe\",\"round_id\":\"" + betId
                                    + "\",\"transaction_id_partner\":\"" + betId + "\"}");
                    long accepted = System.nanoTime();
                    String position = Http.numberField(bet, "position");
                    Http.requireOk(http.send("GET", "/api/v1/wallets/hot0?consistent_with=" + position, "X-API-Key", apiKey, null));
                    Http.requireOk(http.send("GET", "/api/v1/wallets/hot0/transactions?limit=1&consistent_with=" + position, "X-API-Key", apiKey, null));
                    lags.record(System.nanoTime() - accepted);
                    Http.requireOk(http.send("POST", "/api/v1/wallets/hot0/rollbacks", "X-API-Key", apiKey,
                            "{\"transaction_id_partner\":\"r" + betId + "\",\"rolled_back_transaction_id_partner\":\"" + betId + "\"}"));
                    LockSupport.parkNanos(1_000_000_000L / LAG_PROBES_PER_SECOND);
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            long[] sorted = lags.latencies();
            Arrays.sort(sorted);
            report.add(String.format(Locale.ROOT, "projection lag (command answered to both read models updated), %d probes: p50 %.1f ms, p99 %.1f ms, max %.1f ms",
                    sorted.length, BenchSupport.ms(BenchSupport.percentile(sorted, 0.5)), BenchSupport.ms(BenchSupport.percentile(sorted, 0.99)), BenchSupport.ms(BenchSupport.percentile(sorted, 1.0))));
        });
        probe.start();
        LoadResult paced = runLoad(clients, Duration.ofSeconds(settings.seconds()), settings.lagRatePerSecond());
        probe.join();
        awaitProjections();
        report.add(String.format(Locale.ROOT, "  under a paced load of %.0f commands/s (asked %d), p99 %.1f ms, %d errors",
                paced.perSecond(), settings.lagRatePerSecond(), BenchSupport.ms(paced.p99()), paced.errors()));
    }

    /**
     * Fills the store to BENCH_STORE_EVENTS events, BENCH_HOT_WALLET_EVENTS of them on each hot
     * wallet (bet then win, so no bet stays open), for the rebuild and long-lived wallet figures.
     */
    static void fillStore() throws Exception {
        long head = head();
        BenchSupport.progress("filling the store from %d to %d events (hot wallets: %d x %d events)", head, settings.storeEvents(),
                settings.hotWallets(), settings.hotWalletEvents());
        long start = System.nanoTime();
        String run = Long.toString(System.nanoTime(), 36);
        AtomicLong sent = new AtomicLong();
        long needed = settings.storeEvents() - head;
        int clients = 64;
        int hotClientsPerWallet = 2;
        Thread progress = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(10_000);
                } catch (InterruptedException e) {
                    return;
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                BenchSupport.progress("  %d of %d events written, %.0f/s", sent.get(), needed, sent.get() / seconds);
            }
        });
        progress.setDaemon(true);
        progress.start();
        BenchSupport.runClients(clients, client -> {
            boolean hot = client < settings.hotWallets() * hotClientsPerWallet;
            long hotRounds = settings.hotWalletEvents() / 2 / hotClientsPerWallet + 1;
            try (Http http = Http.open(settings.port())) {
                for (long round = 0; hot ? round < hotRounds : sent.get() < needed; round++) {
                    String wallet = hot ? "hot" + (client / hotClientsPerWallet) : "w" + ThreadLocalRandom.current().nextInt(settings.wallets());
                    String betId = "fill-" + run + "-" + client + "-" + round;
                    String[][] commands = hot ? new String[][] {{"/bets", BenchLedger.round(betId)[0][1]}, {"/wins", "{\"amount\":\"0.50\",\"currency\":\"USD\","
                            + "\"game_id\":\"slots\",\"round_id\":\"" + betId + "\",\"transaction_id_partner\":\"w" + betId
                            + "\",\"bet_transaction_id_partner\":\"" + betId + "\"}"}} : BenchLedger.round(betId);
                    for (String[] command : commands) {
                        Http.requireOk(http.send("POST", "/api/v1/wallets/" + wallet + command[0], "X-API-Key", apiKey, command[1]));
                        sent.incrementAndGet();
                    }
                }
            }
            return null;
        });
        progress.interrupt();
        double seconds = (System.nanoTime() - start) / 1e9;
        report.add(String.format(Locale.ROOT, "store filled to %d events (%d written in %.0f s, %.0f/s)", head(), sent.get(), seconds,
                sent.get() / seconds));
    }

    /** Resets a projection's tokens and waits until it has caught up with the store again. */
    static void rebuild(String projection) throws Exception {
        try (Http http = Http.open(settings.port())) {
            long head = head();
            BenchSupport.progress("rebuilding %s over %d events", projection, head + 1);
            long start = System.nanoTime();
            Http.requireStatus(http.send("POST", "/admin/v1/projections/" + projection + "/rebuild", "X-Admin-Key", BenchService.ADMIN_KEY, null), 202);
            long deadline = start + REBUILD_MAX.toNanos();
            long lastReport = start;
            while (true) {
                Thread.sleep(200);
                Http.Response status = http.send("GET", "/admin/v1/projections", "X-Admin-Key", BenchService.ADMIN_KEY, null);
                Matcher matcher = Pattern.compile("\"name\":\"" + projection + "\",\"position\":(-?\\d+)").matcher(status.body());
                if (!matcher.find()) {
                    throw new IllegalStateException("no status for " + projection + ": " + status.body());
                }
                long position = Long.parseLong(matcher.group(1));
                if (position >= head) {
                    break;
                }
                if (System.nanoTime() - lastReport > 10_000_000_000L) {
                    lastReport = System.nanoTime();
                    BenchSupport.progress("  %s at %d of %d", projection, position, head);
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(projection + " did not catch up within " + REBUILD_MAX);
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            report.add(String.format(Locale.ROOT, "rebuild of %s: %d events in %.1f s, %.0f events/s", projection, head + 1, seconds,
                    (head + 1) / seconds));
        }
    }

    /**
     * After a restart the cache is empty: the first command on a hot wallet loads its newest
     * snapshot and the events after it. Compared with the first command on a small wallet,
     * after the JVM has been warmed up on other wallets.
     */
    static void longLivedWalletLoad() throws Exception {
        BenchSupport.progress("restarting the service for cold wallet loads");
        service.stop();
        service.start();
        runLoad(16, Duration.ofSeconds(10), 0);
        try (Http http = Http.open(settings.port())) {
            String run = Long.toString(System.nanoTime(), 36);
            for (int hot = 0; hot < settings.hotWallets(); hot++) {
                long hotFirst = timedBet(http, "hot" + hot, run);
                long hotSecond = timedBet(http, "hot" + hot, run);
                String small = "w" + (settings.wallets() - 1 - hot);
                long smallFirst = timedBet(http, small, run);
                report.add(String.format(Locale.ROOT, "first command after restart on hot%d (%d+ events): %.1f ms; second: %.1f ms; "
                        + "first on small wallet %s: %.1f ms", hot, settings.hotWalletEvents(), BenchSupport.ms(hotFirst), BenchSupport.ms(hotSecond), small, BenchSupport.ms(smallFirst)));
            }
        }
    }

    static long timedBet(Http http, String wallet, String run) throws IOException {
        String betId = "cold-" + run + "-" + wallet + "-" + System.nanoTime();
        long start = System.nanoTime();
        Http.requireOk(http.send("POST", "/api/v1/wallets/" + wallet + "/bets", "X-API-Key", apiKey,
                "{\"amount\":\"0.01\",\"currency\":\"USD\",\"game_id\":\"probe\",\"round_id\":\"" + betId + "\",\"transaction_id_partner\":\"" + betId + "\"}"));
        long elapsed = System.nanoTime() - start;
        Http.requireOk(http.send("POST", "/api/v1/wallets/" + wallet + "/rollbacks", "X-API-Key", apiKey,
                "{\"transaction_id_partner\":\"r" + betId + "\",\"rolled_back_transaction_id_partner\":\"" + betId + "\"}"));
        return elapsed;
    }

    /**
     * Waits until both projections have processed the whole store, so a run does not pay for
     * the previous run's backlog.
     */
    static void awaitProjections() throws Exception {
        long start = System.nanoTime();
        try (Http http = Http.open(settings.port())) {
            while (true) {
                String status = http.send("GET", "/admin/v1/projections", "X-Admin-Key", BenchService.ADMIN_KEY, null).body();
                Matcher lag = Pattern.compile("\"lag_events\":(\\d+)").matcher(status);
                long behind = 0;
                while (lag.find()) {
                    behind = Math.max(behind, Long.parseLong(lag.group(1)));
                }
                if (behind == 0) {
                    break;
                }
                if (System.nanoTime() - start > REBUILD_MAX.toNanos()) {
                    throw new IllegalStateException("projections still " + behind + " events behind after " + REBUILD_MAX);
                }
                Thread.sleep(200);
            }
        }
        BenchSupport.progress("projections caught up in %.1f s", (System.nanoTime() - start) / 1e9);
    }

    static long head() throws IOException {
        try (Http http = Http.open(settings.port())) {
            return Long.parseLong(Http.numberField(http.send("GET", "/admin/v1/projections", "X-Admin-Key", BenchService.ADMIN_KEY, null), "head"));
        }
    }

    // ----------------------------------------------------------------------------------------
    // The row-lock design

    /** The row-lock design (bench/rowlock-bet.sql) under pgbench, with latencies from its per-transaction log. */
    static final class PgBench {
        /** Connections left free for the service's own pool and for psql. */
        static final int CONNECTIONS_SPARE = 40;

        /**
         * pgbench opens one connection per client, and PostgreSQL refuses more than
         * max_connections; a row-lock application would put a pool in front as well, so past
         * that the comparison runs at the largest concurrency the server accepts.
         */
        static int clientsFor(int clients) throws Exception {
            Process psql = new ProcessBuilder("psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-Atc",
                    "SELECT current_setting('max_connections')::int - count(*) FROM pg_stat_activity").redirectErrorStream(true).start();
            int free = Integer.parseInt(new String(psql.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim());
            psql.waitFor();
            return Math.max(1, Math.min(clients, free - CONNECTIONS_SPARE));
        }

        static LoadResult run(String database, int clients, int seconds) throws Exception {
            Path logDir = Files.createTempDirectory("pgbench");
            long databaseCpuBefore = BenchService.postgresCpuMillis();
            Process pgbench = new ProcessBuilder("pgbench", "-h", "127.0.0.1", "-U", "postgres", "-n", "-c", Integer.toString(clients),
                    "-j", "2", "-T", Integer.toString(seconds), "-f", "bench/rowlock-bet.sql", "-l", "--log-prefix=" + logDir.resolve("tx"),
                    database).redirectErrorStream(true).start();
            String output = new String(pgbench.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (pgbench.waitFor() != 0) {
                throw new IllegalStateException("pgbench failed:\n" + output);
            }
            Matcher tps = Pattern.compile("tps = ([\\d.]+) \\(without").matcher(output);
            if (!tps.find()) {
                throw new IllegalStateException("no tps in pgbench output:\n" + output);
            }
            List<Long> latencies = new ArrayList<>();
            long failed = 0;
            try (var logs = Files.list(logDir)) {
                for (Path log : logs.toList()) {
                    for (String line : Files.readAllLines(log)) {
                        String[] fields = line.split(" ");
                        if (fields[2].equals("failed")) {
                            failed++;
                        } else {
                            latencies.add(Long.parseLong(fields[2]) * 1_000);
                        }
                    }
                    Files.delete(log);
                }
            }
            Files.delete(logDir);
            long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            double perSecond = Double.parseDouble(tps.group(1));
            return new LoadResult(sorted.length, sorted.length / perSecond, failed, sorted, 0,
                    (BenchService.postgresCpuMillis() - databaseCpuBefore) / (double) Math.max(1, sorted.length));
        }
    }

    // ----------------------------------------------------------------------------------------
    // Helpers

    /** Latencies of one client, in nanoseconds, with a hard cap on memory. */
    static final class Recorder {
        long[] values = new long[1 << 12];
        int count;

        void record(long nanos) {
            if (count == values.length) {
                if (count == LATENCIES_PER_CLIENT_MAX) {
                    return;
                }
                values = Arrays.copyOf(values, count * 2);
            }
            values[count++] = nanos;
        }

        long[] latencies() {
            return Arrays.copyOf(values, count);
        }
    }

}
