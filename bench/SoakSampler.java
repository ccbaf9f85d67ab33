import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes the soak's samples: the service's RSS (/proc) and heap after GC (its GC log), the load's
 * latencies and answers for the interval, and every processor's lag from the projections' status
 * endpoint (GET /admin/v1/projections, docs/operations.md).
 */
public final class SoakSampler {

    static final String KAFKA_PUBLISHER = "kafka-publisher";
    static final String CLICKHOUSE_SINK = "clickhouse-sink";
    /** "… Pause Young (Normal) (G1 Evacuation Pause) 120M->30M(256M) 4.1ms": heap before, after, committed. */
    private static final Pattern GC_LINE = Pattern.compile("(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");
    private static final Pattern STATUS = Pattern.compile("\\{[^{}]*\\}");

    private final BenchService service;
    private final SoakLoad load;
    private final Path gcLog;
    private final long startNanos;
    private final Map<String, Long> maxLagByProcessor = new TreeMap<>();
    private long gcLogOffset;
    private double heapAfterGcMiB = Double.NaN;
    private long collections;
    private long[] lastLatencies = new long[0];
    private long lastNanos;
    private long lastCpuMillis;

    public SoakSampler(BenchService service, SoakLoad load, Path gcLog) throws IOException {
        this.service = service;
        this.load = load;
        this.gcLog = gcLog;
        this.startNanos = System.nanoTime();
        this.lastNanos = startNanos;
        this.lastCpuMillis = service.cpuMillis();
        readGcLog();
        collections = 0;
    }

    /** A sample of the interval since the previous one (or the sampler's start). */
    public SoakSample sample() throws IOException {
        long now = System.nanoTime();
        long cpuMillis = service.cpuMillis();
        double seconds = (now - lastNanos) / 1e9;
        double cpuPct = (cpuMillis - lastCpuMillis) / 10.0 / seconds;
        lastNanos = now;
        lastCpuMillis = cpuMillis;
        SoakLoad.Window window = load.window();
        long[] sorted = window.latencies();
        Arrays.sort(sorted);
        lastLatencies = sorted;
        readGcLog();
        long gcs = collections;
        collections = 0;
        Lags lags = lags();
        return new SoakSample((now - startNanos) / 60e9, service.rssKiB() / 1024.0, heapAfterGcMiB, gcs,
                BenchSupport.ms(BenchSupport.percentile(sorted, 0.50)), BenchSupport.ms(BenchSupport.percentile(sorted, 0.99)),
                BenchSupport.ms(BenchSupport.percentile(sorted, 1.0)), window.answered() / seconds, window.errors(), load.behind(),
                lags.readModel, lags.readModelName, lags.kafka, lags.clickhouse, lags.parked, lags.head, cpuPct, load1());
    }

    /**
     * Forces a full collection in the service and answers the heap after it: the live objects, the
     * one heap figure that does not depend on when G1 last marked the old generation.
     */
    public double liveHeapMiB() throws Exception {
        service.fullGc();
        readGcLog();
        return heapAfterGcMiB;
    }

    /** The latencies of the latest sample's interval, sorted, in nanoseconds. */
    public long[] lastLatencies() {
        return lastLatencies;
    }

    /** The largest lag each processor showed in any sample so far. */
    public Map<String, Long> maxLagByProcessor() {
        return maxLagByProcessor;
    }

    record Lags(long readModel, String readModelName, long kafka, long clickhouse, long parked, long head) {
    }

    /** Every processor's lag and parked events, and the store's head, as the status endpoint gives them. */
    Lags lags() throws IOException {
        String body;
        try (Http http = Http.open(service.port())) {
            Http.Response response = http.send("GET", "/admin/v1/projections", "X-Admin-Key", BenchService.ADMIN_KEY, null);
            Http.requireOk(response);
            body = response.body();
        }
        long readModel = 0;
        String readModelName = "-";
        long kafka = -1;
        long clickhouse = -1;
        long parked = 0;
        long head = 0;
        Matcher processor = STATUS.matcher(body);
        while (processor.find()) {
            Http.Response status = new Http.Response(200, processor.group());
            String name = Http.field(status, "name");
            long lag = Long.parseLong(Http.numberField(status, "lag_events"));
            parked += Long.parseLong(Http.numberField(status, "parked_events"));
            head = Math.max(head, Long.parseLong(Http.numberField(status, "head")));
            maxLagByProcessor.merge(name, lag, Math::max);
            if (name.equals(KAFKA_PUBLISHER)) {
                kafka = lag;
            } else if (name.equals(CLICKHOUSE_SINK)) {
                clickhouse = lag;
            } else if (lag > readModel || readModelName.equals("-")) {
                readModel = lag;
                readModelName = name;
            }
        }
        return new Lags(readModel, readModelName, kafka, clickhouse, parked, head);
    }

    /** Reads the GC log's new whole lines: the heap after the latest collection, and counts the collections. */
    private void readGcLog() throws IOException {
        if (!Files.exists(gcLog)) {
            return;
        }
        byte[] fresh;
        try (RandomAccessFile file = new RandomAccessFile(gcLog.toFile(), "r")) {
            fresh = new byte[(int) Math.max(0, file.length() - gcLogOffset)];
            file.seek(gcLogOffset);
            file.readFully(fresh);
        }
        String text = new String(fresh, StandardCharsets.UTF_8);
        int end = text.lastIndexOf('\n') + 1;
        gcLogOffset += text.substring(0, end).getBytes(StandardCharsets.UTF_8).length;
        for (String line : text.substring(0, end).split("\n")) {
            Matcher gc = GC_LINE.matcher(line);
            // Pause lines only: G1's concurrent cycle prints no heap figures, a pause prints before->after(committed).
            if (line.contains("Pause") && gc.find()) {
                heapAfterGcMiB = mib(Long.parseLong(gc.group(3)), gc.group(4));
                collections++;
            }
        }
    }

    private static double mib(long value, String unit) {
        return switch (unit) {
            case "K" -> value / 1024.0;
            case "G" -> value * 1024.0;
            default -> value;
        };
    }

    private static double load1() throws IOException {
        return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    }
}
