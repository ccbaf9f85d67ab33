import java.util.Locale;

/**
 * What both analytics benchmarks need: a figure check that ends the run, progress lines, settings
 * from the environment. Public: the benchmarks run as source files, in a class loader of their own.
 */
public final class AnalyticsSupport {

    private AnalyticsSupport() {
    }

    /** A figure that does not add up ends the run: a bench must not print a number it could not check. */
    public static void require(boolean holds, String otherwise) {
        if (!holds) {
            throw new IllegalStateException("figures do not add up: " + otherwise);
        }
    }

    public static void progress(String format, Object... args) {
        System.out.printf(Locale.ROOT, "[%tT] %s%n", System.currentTimeMillis(), String.format(Locale.ROOT, format, args));
    }

    public static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
