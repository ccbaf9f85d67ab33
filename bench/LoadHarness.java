import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
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
 * load time of a long-lived wallet. Java 17, no build step; bench/run.sh prepares the databases
 * and the jar and calls it:
 *
 *   java bench/LoadHarness.java &lt;jar&gt; &lt;database-url&gt; &lt;rowlock-database&gt;
 *
 * Settings come from the environment (BENCH_*), see {@link Settings}. The service is started and
 * restarted by the harness itself, so it can read its CPU time and RSS from /proc.
 *
 * Clients speak HTTP/1.1 over one keep-alive socket each, with hand-written requests: the JDK's
 * HttpClient costs more CPU per request than the service under test, and the two share the
 * machine's two cores with PostgreSQL.
 */
public class LoadHarness {

    record Settings(int seconds, int wallets, int[] concurrencies, long storeEvents, int hotWallets, long hotWalletEvents,
                    int lagRatePerSecond, int port) {

        static Settings fromEnvironment() {
            return new Settings(
                    intEnv("BENCH_SECONDS", 30),
                    intEnv("BENCH_WALLETS", 10_000),
                    Arrays.stream(env("BENCH_CONCURRENCY", "16 64 256").trim().split("\\s+")).mapToInt(Integer::parseInt).toArray(),
                    Long.parseLong(env("BENCH_STORE_EVENTS", "1000000")),
                    intEnv("BENCH_HOT_WALLETS", 3),
                    Long.parseLong(env("BENCH_HOT_WALLET_EVENTS", "100000")),
                    intEnv("BENCH_LAG_RATE", 2_000),
                    intEnv("BENCH_PORT", 18080));
        }
    }

    static final String ADMIN_KEY = "bench-admin-key";
    static final Duration SERVICE_START_MAX = Duration.ofSeconds(120);
    static final Duration REBUILD_MAX = Duration.ofMinutes(30);
    /** Warm-up before the measured runs (BENCH_WARMUP_SECONDS): the JIT compiles for minutes on two cores. */
    static final Duration WARM_UP = Duration.ofSeconds(intEnv("BENCH_WARMUP_SECONDS", 15));
    /** Lag probes per second during the paced run. */
    static final int LAG_PROBES_PER_SECOND = 20;
    static final int HTTP_TIMEOUT_MILLIS = 30_000;
    static final int LATENCIES_PER_CLIENT_MAX = 1 << 22;
    /** Commands per batch, in the funding and in the batch runs: the batch API's most. */
    static final int BATCH_COMMANDS = 1_000;

    static Settings settings;
    static Service service;
    static String apiKey;
    static final List<String> report = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: LoadHarness <jar> <database-url> <rowlock-database>");
        }
        settings = Settings.fromEnvironment();
        service = new Service(Path.of(args[0]), args[1], settings.port());
        String rowLockDatabase = args[2];
        try {
            service.start();
            apiKey = registerPartner();
            fundWallets();
            progress("warm-up: %d s at 64 clients", WARM_UP.toSeconds());
            runLoad(64, WARM_UP, 0);
            awaitProjections();

            report.add("| clients | ChipLedger cmd/s | p50 ms | p99 ms | p99.9 ms | errors | service CPU ms/cmd | PostgreSQL CPU ms/cmd "
                    + "| row-lock tx/s | row-lock p50 ms | row-lock p99 ms | row-lock p99.9 ms | ratio |");
            report.add("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            double lastRowLock = Double.NaN;
            int lastRowLockClients = 0;
            for (int clients : settings.concurrencies()) {
                progress("ChipLedger: %d clients for %d s", clients, settings.seconds());
                LoadResult ledger = runLoad(clients, Duration.ofSeconds(settings.seconds()), 0);
                awaitProjections();
                progress("row-lock design under pgbench: up to %d clients for %d s", clients, settings.seconds());
                int rowLockClients = PgBench.clientsFor(clients);
                LoadResult rowLock = PgBench.run(rowLockDatabase, rowLockClients, settings.seconds());
                report.add(String.format(Locale.ROOT, "| %d | %.0f | %.1f | %.1f | %.1f | %d | %.2f | %.2f | %.0f%s | %.1f | %.1f | %.1f | %.2f |",
                        clients, ledger.perSecond(), ms(ledger.p50()), ms(ledger.p99()), ms(ledger.p999()), ledger.errors(),
                        ledger.serviceCpuMsPerCommand(), ledger.databaseCpuMsPerCommand(),
                        rowLock.perSecond(), rowLockClients == clients ? "" : " (" + rowLockClients + " connections)", ms(rowLock.p50()), ms(rowLock.p99()), ms(rowLock.p999()),
                        ledger.perSecond() / rowLock.perSecond()));
                lastRowLock = rowLock.perSecond();
                lastRowLockClients = clients;
            }
            int batchClients = intEnv("BENCH_BATCH_CLIENTS", 4);
            progress("ChipLedger batches: %d clients sending batches of %d for %d s", batchClients, BATCH_COMMANDS, settings.seconds());
            LoadResult batches = runBatches(batchClients, Duration.ofSeconds(settings.seconds()));
            awaitProjections();
            report.add(String.format(Locale.ROOT, "| batches of %d, %d clients | %.0f | %.1f | %.1f | %.1f | %d | %.2f | %.2f | %.0f (at %d) | | | | %.2f |",
                    BATCH_COMMANDS, batchClients, batches.perSecond(), ms(batches.p50()), ms(batches.p99()), ms(batches.p999()),
                    batches.errors(), batches.serviceCpuMsPerCommand(), batches.databaseCpuMsPerCommand(), lastRowLock,
                    lastRowLockClients, batches.perSecond() / lastRowLock));
            report.add("(batch latencies are per batch of " + BATCH_COMMANDS + " commands; the ratio is to the row-lock figure of the last run above)");
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

    static String registerPartner() throws IOException {
        try (Http http = Http.open(settings.port())) {
            String partnerId = field(http.send("POST", "/admin/v1/partners", "X-Admin-Key", ADMIN_KEY,
                    "{\"name\":\"Bench\",\"type\":\"operator\",\"commission_rate\":\"0.05\",\"contact_email\":\"bench@example.com\"}"), "partner_id");
            return field(http.send("POST", "/admin/v1/partners/" + partnerId + "/api-keys", "X-Admin-Key", ADMIN_KEY,
                    "{\"scopes\":[\"wallet:read\",\"wallet:write\"]}"), "api_key");
        }
    }

    /** Opens and funds every wallet through the batch API, 1,000 deposits a batch. */
    static void fundWallets() throws Exception {
        int clients = 4;
        int total = settings.wallets() + settings.hotWallets();
        long start = System.nanoTime();
        runClients(clients, client -> {
            try (Http http = Http.open(settings.port())) {
                StringBuilder batch = new StringBuilder();
                int inBatch = 0;
                for (int i = client; i < total; i += clients) {
                    String wallet = i < settings.wallets() ? "w" + i : "hot" + (i - settings.wallets());
                    batch.append(inBatch++ == 0 ? "" : ",").append("{\"operation\":\"deposit\",\"player_id\":\"").append(wallet)
                            .append("\",\"amount\":\"100000000.00\",\"currency\":\"USD\",\"transaction_id_partner\":\"fund-").append(wallet).append("\"}");
                    if (inBatch == BATCH_COMMANDS || i + clients >= total) {
                        sendUntilAnswered(http, "{\"commands\":[" + batch + "]}");
                        batch.setLength(0);
                        inBatch = 0;
                    }
                }
            }
            return null;
        });
        progress("funded %d wallets in %.1f s", total, (System.nanoTime() - start) / 1e9);
    }

    /**
     * Sends a batch as its guide says a client should: again, as it was, while the ledger has not
     * answered every command (503, or commands pending), at most ten times.
     */
    static void sendUntilAnswered(Http http, String batch) throws Exception {
        for (int attempt = 1; ; attempt++) {
            Response response = http.send("POST", "/api/v1/batches", "X-API-Key", apiKey, batch);
            if (response.status() == 200 && response.body().contains("\"pending\":0,")) {
                return;
            }
            if (attempt == 10 || (response.status() != 200 && response.status() != 503)) {
                throw new IllegalStateException("HTTP " + response.status() + " after " + attempt + " attempts: "
                        + response.body().substring(0, Math.min(500, response.body().length())));
            }
            Thread.sleep(1_000);
        }
    }

    /**
     * Batches of BATCH_COMMANDS commands (issue 18): each client sends game rounds on random
     * wallets (a bet, then its win or rollback, in the same batch), each command with a fresh key.
     * Counts commands, and as errors the commands not answered 200.
     */
    static LoadResult runBatches(int clients, Duration duration) throws Exception {
        AtomicLong errors = new AtomicLong();
        AtomicLong commands = new AtomicLong();
        long deadline = System.nanoTime() + duration.toNanos();
        String run = Long.toString(System.nanoTime(), 36);
        Meter meter = Meter.start();
        List<long[]> latencies = runClients(clients, client -> {
            Recorder recorder = new Recorder();
            try (Http http = Http.open(settings.port())) {
                for (long batch = 0; System.nanoTime() < deadline; batch++) {
                    StringBuilder body = new StringBuilder("{\"commands\":[");
                    for (int round = 0; round < BATCH_COMMANDS / 2; round++) {
                        String wallet = "w" + ThreadLocalRandom.current().nextInt(settings.wallets());
                        for (String[] command : round(run + "-" + client + "-" + batch + "-" + round)) {
                            String operation = command[0].substring(1, command[0].length() - 1);
                            body.append(body.length() > 13 ? "," : "").append("{\"operation\":\"").append(operation)
                                    .append("\",\"player_id\":\"").append(wallet).append("\",").append(command[1].substring(1));
                        }
                    }
                    long sent = System.nanoTime();
                    Response response = http.send("POST", "/api/v1/batches", "X-API-Key", apiKey, body.append("]}").toString());
                    recorder.record(System.nanoTime() - sent);
                    int ok = response.status() == 200 ? countOf(response.body(), "\"status\":200") : 0;
                    commands.addAndGet(BATCH_COMMANDS);
                    errors.addAndGet(BATCH_COMMANDS - ok);
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
            progress("verifying the store");
            long start = System.nanoTime();
            Response started = http.send("POST", "/audit/v1/verifications", "X-Admin-Key", ADMIN_KEY, null);
            requireStatus(started, 202);
            String id = field(new Response(200, started.body()), "verification_id");
            Response status;
            do {
                Thread.sleep(500);
                status = http.send("GET", "/audit/v1/verifications/" + id, "X-Admin-Key", ADMIN_KEY, null);
                if (System.nanoTime() - start > REBUILD_MAX.toNanos()) {
                    throw new IllegalStateException("the verification did not end within " + REBUILD_MAX);
                }
            } while (field(status, "status").equals("running"));
            double seconds = (System.nanoTime() - start) / 1e9;
            long events = Long.parseLong(numberField(status, "events_checked"));
            report.add(String.format(Locale.ROOT, "verification of the store: %d events in %.1f s, %.0f events/s, %s", events, seconds,
                    events / seconds, field(status, "status")));
        }
    }

    /** The service's and PostgreSQL's CPU and the clock from its start: what a load run cost. */
    record Meter(long serviceCpuMillis, long databaseCpuMillis, long startNanos) {

        static Meter start() throws IOException {
            return new Meter(service.cpuMillis(), Proc.postgresCpuMillis(), System.nanoTime());
        }

        LoadResult result(long commands, long errors, List<long[]> latencies) throws IOException {
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
            return new LoadResult(commands, seconds, errors, all, (service.cpuMillis() - serviceCpuMillis) / (double) commands,
                    (Proc.postgresCpuMillis() - databaseCpuMillis) / (double) commands);
        }
    }

    record LoadResult(long commands, double seconds, long errors, long[] sortedLatencies,
                      double serviceCpuMsPerCommand, double databaseCpuMsPerCommand) {

        double perSecond() {
            return commands / seconds;
        }

        long p50() {
            return percentile(sortedLatencies, 0.50);
        }

        long p99() {
            return percentile(sortedLatencies, 0.99);
        }

        long p999() {
            return percentile(sortedLatencies, 0.999);
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
        List<long[]> latencies = runClients(clients, client -> {
            Recorder recorder = new Recorder();
            try (Http http = Http.open(settings.port())) {
                long next = System.nanoTime();
                for (long round = 0; System.nanoTime() < deadline; round++) {
                    String wallet = "w" + ThreadLocalRandom.current().nextInt(settings.wallets());
                    for (String[] command : round(run + "-" + client + "-" + round)) {
                        if (nanosPerCommandPerClient > 0) {
                            next += nanosPerCommandPerClient;
                            LockSupport.parkNanos(next - System.nanoTime());
                        }
                        long sent = System.nanoTime();
                        Response response = http.send("POST", "/api/v1/wallets/" + wallet + command[0], "X-API-Key", apiKey, command[1]);
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

    /** One game round: {path, body} for the bet and for what settles it. */
    static String[][] round(String betId) {
        String bet = "{\"amount\":\"1.00\",\"currency\":\"USD\",\"game_id\":\"slots\",\"round_id\":\"" + betId
                + "\",\"transaction_id_partner\":\"" + betId + "\"}";
        if (ThreadLocalRandom.current().nextInt(4) == 0) {
            return new String[][] {{"/bets", bet}, {"/rollbacks", "{\"transaction_id_partner\":\"r" + betId
                    + "\",\"rolled_back_transaction_id_partner\":\"" + betId + "\"}"}};
        }
        return new String[][] {{"/bets", bet}, {"/wins", "{\"amount\":\"0.50\",\"currency\":\"USD\",\"game_id\":\"slots\",\"round_id\":\""
                + betId + "\",\"transaction_id_partner\":\"w" + betId + "\",\"bet_transaction_id_partner\":\"" + betId + "\"}"}};
    }

    /**
     * Projection lag under a paced load: a probe places a bet, then reads its wallet and its
     * history with consistent_with set to the bet's position. The service answers a read only
     * when the projection has processed that position, so the time from the bet's answer to the
     * later of the two reads is the lag of both projections.
     */
    static void projectionLag() throws Exception {
        int clients = 64;
        progress("projection lag: paced load of %d commands/s for %d s, %d probes/s", settings.lagRatePerSecond(), settings.seconds(),
                LAG_PROBES_PER_SECOND);
        long deadline = System.nanoTime() + Duration.ofSeconds(settings.seconds()).toNanos();
        Thread probe = new Thread(() -> {
            Recorder lags = new Recorder();
            try (Http http = Http.open(settings.port())) {
                for (long i = 0; System.nanoTime() < deadline; i++) {
                    String betId = "probe-" + System.nanoTime();
                    Response bet = http.send("POST", "/api/v1/wallets/hot0/bets", "X-API-Key", apiKey,
                            "{\"amount\":\"0.01\",\"currency\":\"USD\",\"game_id\":\"probe\",\"round_id\":\"" + betId
                                    + "\",\"transaction_id_partner\":\"" + betId + "\"}");
                    long accepted = System.nanoTime();
                    String position = numberField(bet, "position");
                    requireOk(http.send("GET", "/api/v1/wallets/hot0?consistent_with=" + position, "X-API-Key", apiKey, null));
                    requireOk(http.send("GET", "/api/v1/wallets/hot0/transactions?limit=1&consistent_with=" + position, "X-API-Key", apiKey, null));
                    lags.record(System.nanoTime() - accepted);
                    requireOk(http.send("POST", "/api/v1/wallets/hot0/rollbacks", "X-API-Key", apiKey,
                            "{\"transaction_id_partner\":\"r" + betId + "\",\"rolled_back_transaction_id_partner\":\"" + betId + "\"}"));
                    LockSupport.parkNanos(1_000_000_000L / LAG_PROBES_PER_SECOND);
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            long[] sorted = lags.latencies();
            Arrays.sort(sorted);
            report.add(String.format(Locale.ROOT, "projection lag (command answered to both read models updated), %d probes: p50 %.1f ms, p99 %.1f ms, max %.1f ms",
                    sorted.length, ms(percentile(sorted, 0.5)), ms(percentile(sorted, 0.99)), ms(percentile(sorted, 1.0))));
        });
        probe.start();
        LoadResult paced = runLoad(clients, Duration.ofSeconds(settings.seconds()), settings.lagRatePerSecond());
        probe.join();
        awaitProjections();
        report.add(String.format(Locale.ROOT, "  under a paced load of %.0f commands/s (asked %d), p99 %.1f ms, %d errors",
                paced.perSecond(), settings.lagRatePerSecond(), ms(paced.p99()), paced.errors()));
    }

    /**
     * Fills the store to BENCH_STORE_EVENTS events, BENCH_HOT_WALLET_EVENTS of them on each hot
     * wallet (bet then win, so no bet stays open), for the rebuild and long-lived wallet figures.
     */
    static void fillStore() throws Exception {
        long head = head();
        progress("filling the store from %d to %d events (hot wallets: %d x %d events)", head, settings.storeEvents(),
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
                progress("  %d of %d events written, %.0f/s", sent.get(), needed, sent.get() / seconds);
            }
        });
        progress.setDaemon(true);
        progress.start();
        runClients(clients, client -> {
            boolean hot = client < settings.hotWallets() * hotClientsPerWallet;
            long hotRounds = settings.hotWalletEvents() / 2 / hotClientsPerWallet + 1;
            try (Http http = Http.open(settings.port())) {
                for (long round = 0; hot ? round < hotRounds : sent.get() < needed; round++) {
                    String wallet = hot ? "hot" + (client / hotClientsPerWallet) : "w" + ThreadLocalRandom.current().nextInt(settings.wallets());
                    String betId = "fill-" + run + "-" + client + "-" + round;
                    String[][] commands = hot ? new String[][] {{"/bets", round(betId)[0][1]}, {"/wins", "{\"amount\":\"0.50\",\"currency\":\"USD\","
                            + "\"game_id\":\"slots\",\"round_id\":\"" + betId + "\",\"transaction_id_partner\":\"w" + betId
                            + "\",\"bet_transaction_id_partner\":\"" + betId + "\"}"}} : round(betId);
                    for (String[] command : commands) {
                        requireOk(http.send("POST", "/api/v1/wallets/" + wallet + command[0], "X-API-Key", apiKey, command[1]));
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
            progress("rebuilding %s over %d events", projection, head + 1);
            long start = System.nanoTime();
            requireStatus(http.send("POST", "/admin/v1/projections/" + projection + "/rebuild", "X-Admin-Key", ADMIN_KEY, null), 202);
            long deadline = start + REBUILD_MAX.toNanos();
            long lastReport = start;
            while (true) {
                Thread.sleep(200);
                Response status = http.send("GET", "/admin/v1/projections", "X-Admin-Key", ADMIN_KEY, null);
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
                    progress("  %s at %d of %d", projection, position, head);
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
        progress("restarting the service for cold wallet loads");
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
                        + "first on small wallet %s: %.1f ms", hot, settings.hotWalletEvents(), ms(hotFirst), ms(hotSecond), small, ms(smallFirst)));
            }
        }
    }

    static long timedBet(Http http, String wallet, String run) throws IOException {
        String betId = "cold-" + run + "-" + wallet + "-" + System.nanoTime();
        long start = System.nanoTime();
        requireOk(http.send("POST", "/api/v1/wallets/" + wallet + "/bets", "X-API-Key", apiKey,
                "{\"amount\":\"0.01\",\"currency\":\"USD\",\"game_id\":\"probe\",\"round_id\":\"" + betId + "\",\"transaction_id_partner\":\"" + betId + "\"}"));
        long elapsed = System.nanoTime() - start;
        requireOk(http.send("POST", "/api/v1/wallets/" + wallet + "/rollbacks", "X-API-Key", apiKey,
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
                String status = http.send("GET", "/admin/v1/projections", "X-Admin-Key", ADMIN_KEY, null).body();
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
        progress("projections caught up in %.1f s", (System.nanoTime() - start) / 1e9);
    }

    static long head() throws IOException {
        try (Http http = Http.open(settings.port())) {
            return Long.parseLong(numberField(http.send("GET", "/admin/v1/projections", "X-Admin-Key", ADMIN_KEY, null), "head"));
        }
    }

    // ----------------------------------------------------------------------------------------
    // The service under test and the row-lock design

    /** The ChipLedger jar, started and stopped by the harness. */
    static final class Service {
        final Path jar;
        final String databaseUrl;
        final int port;
        Process process;

        Service(Path jar, String databaseUrl, int port) {
            this.jar = jar;
            this.databaseUrl = databaseUrl;
            this.port = port;
        }

        void start() throws Exception {
            List<String> command = new ArrayList<>(List.of(env("BENCH_JAVA", "java")));
            command.addAll(Arrays.asList(env("BENCH_JAVA_OPTS", "-Xmx2g").trim().split("\\s+")));
            command.addAll(List.of("-jar", jar.toString()));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(Path.of("bench/service.log").toFile()));
            builder.environment().put("SPRING_DATASOURCE_URL", databaseUrl);
            builder.environment().put("SPRING_DATASOURCE_USERNAME", "postgres");
            builder.environment().put("CHIPLEDGER_ADMIN_KEY", ADMIN_KEY);
            builder.environment().put("SERVER_PORT", Integer.toString(port));
            // The rate limits run as in production, sized above what the harness sends from one key and one address.
            builder.environment().putIfAbsent("CHIPLEDGER_ACCESS_RATELIMITS_KEY_REQUESTSPERSECOND", "100000");
            builder.environment().putIfAbsent("CHIPLEDGER_ACCESS_RATELIMITS_KEY_BURST", "100000");
            builder.environment().putIfAbsent("CHIPLEDGER_ACCESS_RATELIMITS_ADDRESS_REQUESTSPERSECOND", "100000");
            builder.environment().putIfAbsent("CHIPLEDGER_ACCESS_RATELIMITS_ADDRESS_BURST", "100000");
            // As in production: one configured snapshot key, so the restart phase loads hot wallets from their snapshots.
            builder.environment().putIfAbsent("CHIPLEDGER_AUDIT_SNAPSHOT_KEY", "bench-snapshot-key-not-a-secret");
            // The Kafka publisher runs as in production, to its in-JVM broker on a free port with a temporary log.
            builder.environment().putIfAbsent("CHIPLEDGER_KAFKA_EMBEDDED_PORT", "0");
            builder.environment().putIfAbsent("CHIPLEDGER_KAFKA_EMBEDDED_LOG_DIR", "");
            process = builder.start();
            long deadline = System.nanoTime() + SERVICE_START_MAX.toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the service exited with " + process.exitValue() + "; see bench/service.log");
                }
                try (Http http = Http.open(port)) {
                    if (http.send("GET", "/actuator/health/readiness", "Accept", "application/json", null).status() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(500);
            }
            throw new IllegalStateException("the service was not ready within " + SERVICE_START_MAX);
        }

        void stop() throws InterruptedException {
            if (process != null && process.isAlive()) {
                process.destroy();
                process.waitFor();
            }
        }

        long cpuMillis() throws IOException {
            return Proc.cpuMillis(process.pid());
        }

        long rssMiB() throws IOException {
            for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
            throw new IllegalStateException("no VmRSS for the service");
        }
    }

    /** CPU time from /proc, in milliseconds (the kernel counts in ticks of 10 ms). */
    static final class Proc {
        static final long MILLIS_PER_TICK = 10;

        static long cpuMillis(long pid) throws IOException {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields after the command name: state(0) ... utime(11) stime(12)
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * MILLIS_PER_TICK;
        }

        /** All PostgreSQL processes together; backends come and go with connections, so this is approximate. */
        static long postgresCpuMillis() throws IOException {
            long total = 0;
            try (var processes = Files.list(Path.of("/proc"))) {
                for (Path dir : processes.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                    try {
                        if (Files.readString(dir.resolve("comm")).trim().equals("postgres")) {
                            total += cpuMillis(Long.parseLong(dir.getFileName().toString()));
                        }
                    } catch (IOException gone) {
                        // the process ended while we looked
                    }
                }
            }
            return total;
        }
    }

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
            long databaseCpuBefore = Proc.postgresCpuMillis();
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
                    (Proc.postgresCpuMillis() - databaseCpuBefore) / (double) Math.max(1, sorted.length));
        }
    }

    // ----------------------------------------------------------------------------------------
    // A small HTTP/1.1 client: one keep-alive socket, Content-Length or chunked answers.

    record Response(int status, String body) {
    }

    static final class Http implements AutoCloseable {
        final int port;
        final byte[] line = new byte[8192];
        Socket socket;
        OutputStream out;
        InputStream in;

        private Http(int port) throws IOException {
            this.port = port;
            connect();
        }

        static Http open(int port) throws IOException {
            return new Http(port);
        }

        private void connect() throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(HTTP_TIMEOUT_MILLIS);
            socket.connect(new InetSocketAddress("127.0.0.1", port), HTTP_TIMEOUT_MILLIS);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream(), 16384);
        }

        Response send(String method, String path, String header, String value, String body) throws IOException {
            if (socket.isClosed()) {
                connect();
            }
            byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            String head = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + header + ": " + value + "\r\n"
                    + (body == null ? "" : "Content-Type: application/json\r\n") + "Content-Length: " + content.length + "\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(content);
            out.flush();
            String statusLine = readLine();
            int status = Integer.parseInt(statusLine.substring(9, 12));
            int length = -1;
            boolean chunked = false;
            boolean close = false;
            for (String headerLine = readLine(); !headerLine.isEmpty(); headerLine = readLine()) {
                String lower = headerLine.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Integer.parseInt(lower.substring(15).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    close = true;
                }
            }
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            if (chunked) {
                for (int size = Integer.parseInt(readLine().trim(), 16); size > 0; size = Integer.parseInt(readLine().trim(), 16)) {
                    answer.write(in.readNBytes(size));
                    readLine();
                }
                readLine();
            } else if (length > 0) {
                answer.write(in.readNBytes(length));
            }
            if (close) {
                socket.close();
            }
            return new Response(status, answer.toString(StandardCharsets.UTF_8));
        }

        private String readLine() throws IOException {
            int length = 0;
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new IOException("connection closed by the service");
                }
                if (b != '\r' && length < line.length) {
                    line[length++] = (byte) b;
                }
            }
            return new String(line, 0, length, StandardCharsets.US_ASCII);
        }

        @Override
        public void close() throws IOException {
            socket.close();
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

    interface Client<T> {
        T run(int client) throws Exception;
    }

    static <T> List<T> runClients(int count, Client<T> body) throws InterruptedException {
        List<T> results = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int client = i;
            Thread thread = new Thread(() -> {
                try {
                    T result = body.run(client);
                    synchronized (results) {
                        results.add(result);
                    }
                } catch (Exception e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException(failures.size() + " clients failed", failures.get(0));
        }
        return results;
    }

    static long percentile(long[] sorted, double quantile) {
        return sorted.length == 0 ? 0 : sorted[(int) Math.max(0, Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1))];
    }

    static double ms(long nanos) {
        return nanos / 1e6;
    }

    static void requireOk(Response response) {
        requireStatus(response, 200);
    }

    static void requireStatus(Response response, int status) {
        if (response.status() != status && !(status == 200 && response.status() == 201)) {
            throw new IllegalStateException("HTTP " + response.status() + ": " + response.body());
        }
    }

    static String field(Response response, String name) {
        requireStatus(response, 200);
        Matcher matcher = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(response.body());
        if (!matcher.find()) {
            throw new IllegalStateException("no " + name + " in " + response.body());
        }
        return matcher.group(1);
    }

    static String numberField(Response response, String name) {
        requireOk(response);
        Matcher matcher = Pattern.compile("\"" + name + "\":(-?\\d+)").matcher(response.body());
        if (!matcher.find()) {
            throw new IllegalStateException("no " + name + " in " + response.body());
        }
        return matcher.group(1);
    }

    static void progress(String format, Object... args) {
        System.out.printf(Locale.ROOT, "[%tT] " + format + "%n", prepend(System.currentTimeMillis(), args));
    }

    private static Object[] prepend(Object first, Object[] rest) {
        Object[] all = new Object[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    static int intEnv(String name, int fallback) {
        return Integer.parseInt(env(name, Integer.toString(fallback)));
    }
}
