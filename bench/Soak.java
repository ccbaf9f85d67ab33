import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * The bounded soak of issue 19: the service under a steady, open-loop load of money commands for
 * SOAK_MINUTES, sampled every SOAK_SAMPLE_SECONDS (memory, latency, throughput, errors, every
 * processor's lag) into a CSV, judged flat or not ({@link SoakVerdict}), drawn ({@link SoakPlot}).
 * At the end of the first and second thirds, and once the load has stopped, it forces a full GC in
 * the service to read the live heap.
 * bench/soak.sh prepares the database, the jar and the classes and calls it:
 *
 *   java -cp bench/target/classes Soak &lt;jar&gt; &lt;database-url&gt; &lt;results-prefix&gt;
 *
 * It writes &lt;prefix&gt;.csv, &lt;prefix&gt;.png, &lt;prefix&gt;-summary.md, &lt;prefix&gt;-service.log and
 * &lt;prefix&gt;-gc.log, and exits 1 when the soak was not flat.
 */
public final class Soak {

    /** The soak's settings, from the environment (bench/soak.sh lists them). */
    record Settings(int minutes, int rate, int clients, int sampleSeconds, int warmUpSeconds, int wallets, int port, long lagBound,
                    String java, String javaOptions) {

        static Settings fromEnvironment() {
            int rate = BenchSupport.intEnv("SOAK_RATE", 30);
            return new Settings(BenchSupport.intEnv("SOAK_MINUTES", 30), rate, BenchSupport.intEnv("SOAK_CLIENTS", 16),
                    BenchSupport.intEnv("SOAK_SAMPLE_SECONDS", 10), BenchSupport.intEnv("SOAK_WARMUP_SECONDS", 60),
                    BenchSupport.intEnv("SOAK_WALLETS", 1_000), BenchSupport.intEnv("SOAK_PORT", 18190),
                    // By default ten seconds of commands: a processor that keeps up is never that far behind.
                    Long.parseLong(BenchSupport.env("SOAK_LAG_BOUND", Integer.toString(10 * rate))),
                    BenchSupport.env("SOAK_JAVA", "java"), BenchSupport.env("SOAK_JAVA_OPTS", "-Xmx2g"));
        }

        String describe() {
            return String.format(Locale.ROOT, "%d min at %d commands/s from %d clients, sampled every %d s after a %d s warm-up; %d wallets; "
                            + "lag bound %d events; service: %s %s", minutes, rate, clients, sampleSeconds, warmUpSeconds, wallets, lagBound,
                    java, javaOptions);
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: Soak <jar> <database-url> <results-prefix>");
        }
        Settings settings = Settings.fromEnvironment();
        String prefix = args[2];
        Path gcLog = Path.of(prefix + "-gc.log");
        // The GC log gives the heap after each collection without asking the service anything.
        BenchService service = new BenchService(Path.of(args[0]), args[1], settings.port(), settings.java(),
                settings.javaOptions() + " -Xlog:gc:file=" + gcLog, Path.of(prefix + "-service.log"));
        BenchSupport.progress("soak: %s", settings.describe());
        boolean flat;
        try {
            service.start();
            flat = soak(settings, service, gcLog, prefix);
        } finally {
            service.stop();
        }
        SoakPlot.draw(Path.of(prefix + ".csv"), Path.of(prefix + ".png"), settings.rate(), String.format(Locale.ROOT,
                "ChipLedger soak: %d commands/s, %d clients, %d min, sampled every %d s", settings.rate(), settings.clients(),
                settings.minutes(), settings.sampleSeconds()));
        BenchSupport.progress("plot: %s.png", prefix);
        System.exit(flat ? 0 : 1);
    }

    static boolean soak(Settings settings, BenchService service, Path gcLog, String prefix) throws Exception {
        String apiKey = BenchLedger.registerPartner(settings.port());
        List<String> wallets = new ArrayList<>();
        for (int i = 0; i < settings.wallets(); i++) {
            wallets.add("soak" + i);
        }
        BenchLedger.fundWallets(settings.port(), apiKey, wallets);

        SoakLoad load = new SoakLoad(settings.port(), apiKey, wallets, settings.rate(), settings.clients());
        BenchSupport.progress("warm-up: %d s at %d commands/s", settings.warmUpSeconds(), settings.rate());
        load.start(settings.warmUpSeconds());
        load.await();
        load.window();

        List<SoakSample> samples = new ArrayList<>();
        List<long[]> latencies = new ArrayList<>();
        double[] liveHeapMiB = new double[3];
        long sampleNanos = settings.sampleSeconds() * 1_000_000_000L;
        int sampleCount = settings.minutes() * 60 / settings.sampleSeconds();
        SoakSampler sampler = new SoakSampler(service, load, gcLog);
        try (PrintWriter csv = new PrintWriter(Files.newBufferedWriter(Path.of(prefix + ".csv")))) {
            csv.println(SoakSample.CSV_HEADER);
            long start = System.nanoTime();
            load.start((long) sampleCount * settings.sampleSeconds());
            for (int i = 1; i <= sampleCount; i++) {
                LockSupport.parkNanos(start + i * sampleNanos - System.nanoTime());
                if (!service.alive()) {
                    throw new IllegalStateException("the service died; see " + prefix + "-service.log");
                }
                if (i == sampleCount / 3 || i == 2 * sampleCount / 3) {
                    // The live heap at the end of the first and second thirds, in the last sample of each.
                    liveHeapMiB[i == sampleCount / 3 ? 0 : 1] = sampler.liveHeapMiB();
                    BenchSupport.progress("full GC: live heap %.0f MiB", liveHeapMiB[i == sampleCount / 3 ? 0 : 1]);
                }
                SoakSample sample = sampler.sample();
                latencies.add(sampler.lastLatencies());
                samples.add(sample);
                csv.println(sample.csv());
                csv.flush();
                BenchSupport.progress("%s%s", sample.progressLine(), sample.errors() > 0 ? "  last error: " + load.lastError() : "");
            }
            load.await();
            BenchSupport.progress("load stopped; processors' largest lags in the run: %s", sampler.maxLagByProcessor());
        }
        double drainSeconds = drain(sampler);
        long parked = sampler.lags().parked();
        liveHeapMiB[2] = sampler.liveHeapMiB();
        BenchSupport.progress("full GC after the load: live heap %.0f MiB", liveHeapMiB[2]);
        SoakVerdict verdict = new SoakVerdict(samples, latencies, liveHeapMiB, settings.rate(), settings.lagBound(), drainSeconds, parked);
        List<String> summary = new ArrayList<>(List.of("Soak: " + settings.describe(), ""));
        summary.addAll(verdict.report());
        Files.write(Path.of(prefix + "-summary.md"), summary);
        System.out.println();
        summary.forEach(System.out::println);
        return verdict.flat();
    }

    /** Seconds until every processor is at the head after the load, or -1 when that takes longer than the verdict allows. */
    static double drain(SoakSampler sampler) throws Exception {
        long start = System.nanoTime();
        long deadline = start + SoakVerdict.DRAIN_MAX_SECONDS * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            SoakSampler.Lags lags = sampler.lags();
            // Kafka and ClickHouse lags are -1 when off.
            if (lags.readModel() == 0 && lags.kafka() <= 0 && lags.clickhouse() <= 0) {
                return (System.nanoTime() - start) / 1e9;
            }
            Thread.sleep(200);
        }
        return -1;
    }
}
