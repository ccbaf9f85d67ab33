import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the load benches (LoadHarness, Soak) share besides HTTP and the service: settings from the
 * environment, progress lines, percentiles, client threads.
 */
public final class BenchSupport {

    private BenchSupport() {
    }

    public static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    public static int intEnv(String name, int fallback) {
        return Integer.parseInt(env(name, Integer.toString(fallback)));
    }

    /** A line on standard output, with the time of day in front. */
    public static void progress(String format, Object... args) {
        System.out.printf(Locale.ROOT, "[%tT] %s%n", System.currentTimeMillis(), String.format(Locale.ROOT, format, args));
    }

    /** The nearest-rank percentile of sorted values; 0 when there are none. */
    public static long percentile(long[] sorted, double quantile) {
        return sorted.length == 0 ? 0 : sorted[(int) Math.max(0, Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1))];
    }

    public static double ms(long nanos) {
        return nanos / 1e6;
    }

    /** One client's work; {@code client} counts from 0. */
    public interface Client<T> {
        T run(int client) throws Exception;
    }

    /** Runs {@code count} clients on threads of their own and waits for all; any client's failure ends the run. */
    public static <T> List<T> runClients(int count, Client<T> body) throws InterruptedException {
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
}
