import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The ChipLedger jar, started and stopped by a bench itself, so the bench can read its CPU time and
 * RSS from /proc. It runs every background part as in production: one configured snapshot key, the
 * Kafka publisher to its in-JVM broker on a free port with a temporary log, the ClickHouse sink when
 * CHIPLEDGER_CLICKHOUSE_URL is set (inherited from the bench's environment).
 */
public final class BenchService {

    /** The bootstrap admin key (role super) every bench's service is started with. */
    public static final String ADMIN_KEY = "bench-admin-key";
    static final Duration START_MAX = Duration.ofSeconds(120);

    private final Path jar;
    private final String databaseUrl;
    private final int port;
    private final String java;
    private final String javaOptions;
    private final Path log;
    private Process process;

    /**
     * @param java        the service's java command (a JDK's bin/java)
     * @param javaOptions the service's JVM options, separated by spaces (e.g. "-Xmx2g")
     * @param log         where the service's output is appended
     */
    public BenchService(Path jar, String databaseUrl, int port, String java, String javaOptions, Path log) {
        this.jar = jar;
        this.databaseUrl = databaseUrl;
        this.port = port;
        this.java = java;
        this.javaOptions = javaOptions;
        this.log = log;
    }

    /** Starts the jar and waits until it answers ready, at most {@link #START_MAX}. */
    public void start() throws Exception {
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(Arrays.asList(javaOptions.trim().split("\\s+")));
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("SPRING_DATASOURCE_URL", databaseUrl);
        builder.environment().put("SPRING_DATASOURCE_USERNAME", "postgres");
        builder.environment().put("CHIPLEDGER_ADMIN_KEY", ADMIN_KEY);
        builder.environment().put("SERVER_PORT", Integer.toString(port));
        // The rate limits run as in production, sized above what a bench sends from one key and one address.
        builder.environment().putIfAbsent("CHIPLEDGER_ACCESS_RATELIMITS_KEY_REQUESTSPERSECOND", "100000");
        builder.environment().putIfAbsent("CHIPLEDGER_ACCESS_RATELIMITS_KEY_BURST", "100000");
        builder.environment().putIfAbsent("CHIPLEDGER_ACCESS_RATELIMITS_ADDRESS_REQUESTSPERSECOND", "100000");
        builder.environment().putIfAbsent("CHIPLEDGER_ACCESS_RATELIMITS_ADDRESS_BURST", "100000");
        // As in production: one configured snapshot key, so a restart loads hot wallets from their snapshots.
        builder.environment().putIfAbsent("CHIPLEDGER_AUDIT_SNAPSHOT_KEY", "bench-snapshot-key-not-a-secret");
        // The Kafka publisher runs as in production, to its in-JVM broker on a free port with a temporary log.
        builder.environment().putIfAbsent("CHIPLEDGER_KAFKA_EMBEDDED_PORT", "0");
        builder.environment().putIfAbsent("CHIPLEDGER_KAFKA_EMBEDDED_LOG_DIR", "");
        process = builder.start();
        long deadline = System.nanoTime() + START_MAX.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited with " + process.exitValue() + "; see " + log);
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
        throw new IllegalStateException("the service was not ready within " + START_MAX);
    }

    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            process.waitFor();
        }
    }

    public int port() {
        return port;
    }

    public boolean alive() {
        return process != null && process.isAlive();
    }

    public long cpuMillis() throws IOException {
        return cpuMillis(process.pid());
    }

    /**
     * A full garbage collection in the service now (jcmd GC.run, i.e. System.gc()), with the jcmd
     * beside the service's java when that is a path: afterwards the heap holds only live objects.
     */
    public void fullGc() throws Exception {
        String jcmd = java.contains("/") ? Path.of(java).resolveSibling("jcmd").toString() : "jcmd";
        Process run = new ProcessBuilder(jcmd, Long.toString(process.pid()), "GC.run").redirectErrorStream(true).start();
        String output = new String(run.getInputStream().readAllBytes());
        if (run.waitFor() != 0) {
            throw new IllegalStateException(jcmd + " GC.run failed: " + output);
        }
    }

    public long rssMiB() throws IOException {
        return rssKiB() / 1024;
    }

    public long rssKiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IllegalStateException("no VmRSS for the service");
    }

    // ----------------------------------------------------------------------------------------
    // CPU time from /proc, in milliseconds (the kernel counts in ticks of 10 ms).

    static final long MILLIS_PER_TICK = 10;

    public static long cpuMillis(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // fields after the command name: state(0) ... utime(11) stime(12)
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * MILLIS_PER_TICK;
    }

    /** All PostgreSQL processes together; backends come and go with connections, so this is approximate. */
    public static long postgresCpuMillis() throws IOException {
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
