import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.LongStream;

/**
 * Whether the soak stayed flat. The first third of the samples is the service settling (JIT, caches,
 * the heap finding its size) and is only reported; the last third is compared with the second:
 * <ul>
 * <li>memory: the highest RSS grew by at most {@value #RSS_GROWTH_MAX_PCT}%, and the live heap (after
 *     a forced full GC) at the end by at most {@value #HEAP_GROWTH_MAX_PCT}% over the one at the end of
 *     the second third;</li>
 * <li>latency: p99 at most {@value #P99_RATIO_MAX}x the second third's;</li>
 * <li>throughput: answered at least {@value #THROUGHPUT_MIN_PCT}% of the rate asked;</li>
 * <li>lag: no read model, nor the Kafka publisher, nor the ClickHouse sink more than the lag bound
 *     behind at any sample of the last third, and every one of them at the head within
 *     {@value #DRAIN_MAX_SECONDS} s once the load stops;</li>
 * <li>no command answered other than 200 (or not at all) in the whole run, and no event parked.</li>
 * </ul>
 */
public final class SoakVerdict {

    static final int RSS_GROWTH_MAX_PCT = 10;
    static final int HEAP_GROWTH_MAX_PCT = 10;
    static final double P99_RATIO_MAX = 2.0;
    static final int THROUGHPUT_MIN_PCT = 95;
    static final int DRAIN_MAX_SECONDS = 120;

    /** The figures of one third of the run. */
    record Third(double fromMinute, double toMinute, double rssMaxMiB, double liveHeapMiB, long p50Nanos, long p99Nanos,
                 long maxNanos, double perSecond, long errors, long readModelLagMax, long kafkaLagMax, long clickhouseLagMax) {

        static Third of(List<SoakSample> samples, List<long[]> latencies, double liveHeapMiB) {
            long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
            return new Third(samples.get(0).minute(), samples.get(samples.size() - 1).minute(),
                    samples.stream().mapToDouble(SoakSample::rssMiB).max().orElse(Double.NaN),
                    liveHeapMiB,
                    BenchSupport.percentile(all, 0.50), BenchSupport.percentile(all, 0.99), BenchSupport.percentile(all, 1.0),
                    samples.stream().mapToDouble(SoakSample::perSecond).average().orElse(0),
                    samples.stream().mapToLong(SoakSample::errors).sum(),
                    samples.stream().mapToLong(SoakSample::readModelLag).max().orElse(0),
                    samples.stream().mapToLong(SoakSample::kafkaLag).max().orElse(-1),
                    samples.stream().mapToLong(SoakSample::clickhouseLag).max().orElse(-1));
        }

        String row(String name) {
            return String.format(Locale.ROOT, "| %s | %.1f–%.1f | %.0f | %.0f | %.1f | %.1f | %.1f | %.1f | %d | %d | %s | %s |", name,
                    fromMinute, toMinute, rssMaxMiB, liveHeapMiB, BenchSupport.ms(p50Nanos), BenchSupport.ms(p99Nanos),
                    BenchSupport.ms(maxNanos), perSecond, errors, readModelLagMax, lagText(kafkaLagMax), lagText(clickhouseLagMax));
        }
    }

    private final List<String> report = new ArrayList<>();
    private boolean flat = true;

    /**
     * @param samples      the samples in order, at least three
     * @param latencies    each sample's latencies, in nanoseconds, in the same order
     * @param liveHeapMiB  the heap after a forced full GC at the end of the first and second thirds, and after the load
     * @param drainSeconds how long every processor took to reach the head after the load; negative: not within the bound
     * @param parkedAtEnd  events parked by all processors once the load stopped
     */
    public SoakVerdict(List<SoakSample> samples, List<long[]> latencies, double[] liveHeapMiB, int rate, long lagBound, double drainSeconds, long parkedAtEnd) {
        if (samples.size() < 3) {
            throw new IllegalArgumentException("a verdict needs at least three samples, got " + samples.size());
        }
        int first = samples.size() / 3;
        int second = 2 * samples.size() / 3;
        Third settling = Third.of(samples.subList(0, first), latencies.subList(0, first), liveHeapMiB[0]);
        Third baseline = Third.of(samples.subList(first, second), latencies.subList(first, second), liveHeapMiB[1]);
        Third last = Third.of(samples.subList(second, samples.size()), latencies.subList(second, samples.size()), liveHeapMiB[2]);
        report.add("| third | minutes | RSS max MiB | live heap at its end MiB | p50 ms | p99 ms | max ms | answered/s | errors "
                + "| read-model lag max | Kafka lag max | ClickHouse lag max |");
        report.add("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        report.add(settling.row("first (settling, not judged)"));
        report.add(baseline.row("second (baseline)"));
        report.add(last.row("last"));
        report.add("");
        report.add(String.format(Locale.ROOT, "RSS at the first sample %.0f MiB, at the last %.0f MiB.", samples.get(0).rssMiB(),
                samples.get(samples.size() - 1).rssMiB()));
        report.add("");
        judge("RSS (highest) grew " + pct(baseline.rssMaxMiB(), last.rssMaxMiB()) + ", at most " + RSS_GROWTH_MAX_PCT + "%",
                last.rssMaxMiB() <= baseline.rssMaxMiB() * (1 + RSS_GROWTH_MAX_PCT / 100.0));
        judge("live heap (after a full GC) grew " + pct(baseline.liveHeapMiB(), last.liveHeapMiB()) + ", at most " + HEAP_GROWTH_MAX_PCT + "%",
                last.liveHeapMiB() <= baseline.liveHeapMiB() * (1 + HEAP_GROWTH_MAX_PCT / 100.0));
        judge(String.format(Locale.ROOT, "p99 %.1f ms against %.1f ms: %.2fx, at most %.1fx", BenchSupport.ms(last.p99Nanos()),
                BenchSupport.ms(baseline.p99Nanos()), last.p99Nanos() / (double) baseline.p99Nanos(), P99_RATIO_MAX),
                last.p99Nanos() <= P99_RATIO_MAX * baseline.p99Nanos());
        judge(String.format(Locale.ROOT, "answered %.1f commands/s of the %d asked, at least %d%%", last.perSecond(), rate, THROUGHPUT_MIN_PCT),
                last.perSecond() >= rate * THROUGHPUT_MIN_PCT / 100.0);
        long lagMax = LongStream.of(last.readModelLagMax(), last.kafkaLagMax(), last.clickhouseLagMax()).max().orElse(0);
        judge("lag at most " + lagMax + " events in the last third, bound " + lagBound, lagMax <= lagBound);
        judge(drainSeconds < 0 ? "processors did not all reach the head within " + DRAIN_MAX_SECONDS + " s after the load"
                : String.format(Locale.ROOT, "every processor at the head %.1f s after the load, at most %d s", drainSeconds, DRAIN_MAX_SECONDS),
                drainSeconds >= 0);
        long errors = samples.stream().mapToLong(SoakSample::errors).sum();
        judge(errors + " commands not answered 200, " + parkedAtEnd + " events parked; none allowed", errors == 0 && parkedAtEnd == 0);
        report.add("");
        report.add("Verdict: " + (flat ? "**flat**" : "**not flat**"));
    }

    public boolean flat() {
        return flat;
    }

    /** The figures by third and each rule's outcome, as Markdown. */
    public List<String> report() {
        return report;
    }

    private void judge(String figure, boolean holds) {
        report.add("- " + (holds ? "ok: " : "FAILED: ") + figure);
        flat &= holds;
    }

    private static String pct(double from, double to) {
        return String.format(Locale.ROOT, "%+.1f%% (%.0f to %.0f MiB)", (to / from - 1) * 100, from, to);
    }

    private static String lagText(long lag) {
        return lag < 0 ? "off" : Long.toString(lag);
    }
}
