import java.util.Locale;

/**
 * One sample of the soak, over the interval that ends at {@code minute}: a line of the CSV. Lags
 * are events behind the store's head; -1 where that processor does not run (ClickHouse off).
 *
 * @param rssMiB          the service's resident memory at the sample
 * @param heapAfterGcMiB  the heap after the service's latest garbage collection (NaN before the first)
 * @param gcs             collections in the interval
 * @param p50Ms           latency of the commands answered in the interval, from when each was due
 * @param perSecond       commands answered 200 per second in the interval
 * @param errors          commands answered otherwise, or not at all, in the interval
 * @param behind          commands due that no client had taken yet, at the sample
 * @param readModelLag    the largest lag of the read models (every processor but the two below)
 * @param parked          events parked by all processors together
 * @param serviceCpuPct   the service's CPU in the interval, in % of one core
 * @param load1           the machine's one-minute load average (the neighbours' share too)
 */
public record SoakSample(double minute, double rssMiB, double heapAfterGcMiB, long gcs, double p50Ms, double p99Ms, double maxMs,
                         double perSecond, long errors, long behind, long readModelLag, String laggingReadModel, long kafkaLag,
                         long clickhouseLag, long parked, long head, double serviceCpuPct, double load1) {

    public static final String CSV_HEADER = "minute,rss_mib,heap_after_gc_mib,gcs,p50_ms,p99_ms,max_ms,answered_per_s,errors,behind,"
            + "read_model_lag,lagging_read_model,kafka_lag,clickhouse_lag,parked,head,service_cpu_pct,load1";

    public String csv() {
        return String.format(Locale.ROOT, "%.3f,%.1f,%.1f,%d,%.2f,%.2f,%.2f,%.1f,%d,%d,%d,%s,%d,%d,%d,%d,%.1f,%.2f", minute, rssMiB,
                heapAfterGcMiB, gcs, p50Ms, p99Ms, maxMs, perSecond, errors, behind, readModelLag, laggingReadModel, kafkaLag,
                clickhouseLag, parked, head, serviceCpuPct, load1);
    }

    /** A sample read back from the CSV (the plot's input). */
    public static SoakSample parse(String line) {
        String[] f = line.split(",", -1);
        return new SoakSample(Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]), Long.parseLong(f[3]),
                Double.parseDouble(f[4]), Double.parseDouble(f[5]), Double.parseDouble(f[6]), Double.parseDouble(f[7]),
                Long.parseLong(f[8]), Long.parseLong(f[9]), Long.parseLong(f[10]), f[11], Long.parseLong(f[12]), Long.parseLong(f[13]),
                Long.parseLong(f[14]), Long.parseLong(f[15]), Double.parseDouble(f[16]), Double.parseDouble(f[17]));
    }

    /** The progress line printed at each sample. */
    public String progressLine() {
        return String.format(Locale.ROOT, "min %5.1f  RSS %6.0f MiB  heap after GC %6.0f MiB  p50 %6.1f ms  p99 %7.1f ms  %6.1f cmd/s  "
                        + "errors %d  behind %d  lag: read models %d (%s), kafka %d, clickhouse %d  parked %d  CPU %3.0f%%  load %.2f",
                minute, rssMiB, heapAfterGcMiB, p50Ms, p99Ms, perSecond, errors, behind, readModelLag, laggingReadModel, kafkaLag,
                clickhouseLag, parked, serviceCpuPct, load1);
    }
}
