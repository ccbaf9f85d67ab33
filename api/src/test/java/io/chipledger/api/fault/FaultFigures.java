package io.chipledger.api.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a fault run counted, and what it found wrong. The checks add to it; the test asserts that
 * nothing was found wrong and writes the figures, as docs/reliability.md shows them, to
 * {@code target/faults/<name>.md} and to the test's output.
 */
final class FaultFigures {

    /** Problems kept word for word; past this only counted, so a broken run still reports in a page. */
    private static final int PROBLEMS_KEPT_MAX = 50;

    private final String name;
    private final String file;
    private final long startedNanos = System.nanoTime();
    private final List<String> problems = new ArrayList<>();
    private long problemCount;
    private final List<Duration> restarts = new ArrayList<>();
    private final List<Duration> takeovers = new ArrayList<>();
    private final List<Duration> catchUps = new ArrayList<>();
    private Duration loadTime = Duration.ZERO;

    int kills;
    long unansweredFoundApplied;
    long halfApplied;
    long foundOnce;
    long lost;
    long doubled;
    long replaysChecked;
    long replaysEqual;
    long kafkaMessages;
    long kafkaDuplicates;
    long kafkaMissing;
    long clickHouseEvents;
    long clickHouseCopies;
    long clickHouseMissing;
    long clickHouseDoubled;
    int verifications;
    int verificationsClean;
    long eventsVerified;
    int segmentsTakenOver;

    /** The figures of the fault {@code name}, written to {@code target/faults/<file>.md}; the run's time counts from here. */
    FaultFigures(String name, String file) {
        this.name = name;
        this.file = file;
    }

    synchronized void problem(String what) {
        problemCount++;
        if (problems.size() < PROBLEMS_KEPT_MAX) {
            problems.add(what);
        }
    }

    synchronized List<String> problems() {
        return problemCount > problems.size()
                ? concat(problems, "… and " + (problemCount - problems.size()) + " more")
                : List.copyOf(problems);
    }

    synchronized void replay(boolean equal) {
        replaysChecked++;
        if (equal) {
            replaysEqual++;
        }
    }

    synchronized void restarted(Duration took) {
        restarts.add(took);
    }

    synchronized void tookOver(Duration took) {
        takeovers.add(took);
    }

    synchronized void caughtUp(Duration took) {
        catchUps.add(took);
    }

    /** Time the load ran, for the rate of answers. */
    synchronized void loaded(Duration took) {
        loadTime = loadTime.plus(took);
    }

    /** The figures as a Markdown table, with the run's settings and the command that makes them. */
    synchronized String report(FaultSettings settings, List<SentCommand> commands) {
        Duration took = Duration.ofNanos(System.nanoTime() - startedNanos);
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "%s: %d kills, %d clients, %d s of load before each kill, %d wallets, the service from %s; "
                        + "%.0f s in all; the machine's load average (1 min) at the end: %s.", name, settings.kills(), settings.clients(),
                settings.loadPerKill().toSeconds(), settings.wallets(), settings.launch(), took.toMillis() / 1000.0, loadAverage()));
        lines.add("");
        lines.add("| figure | count |");
        lines.add("|---|---:|");
        long funding = commands.stream().filter(command -> command.client < 0).count();
        row(lines, "commands sent (distinct keys; the wallets' " + funding + " funding deposits included)", commands.size());
        row(lines, "kills (SIGKILL)", kills);
        row(lines, "answered success (2xx) while the load ran", count(commands, SentCommand.Fate.ANSWERED));
        row(lines, "answers per second while the load ran", String.format(Locale.ROOT, "%.0f",
                (count(commands, SentCommand.Fate.ANSWERED) - funding) / Math.max(0.001, loadTime.toMillis() / 1000.0)));
        row(lines, "of which only after failing over to the other node", commands.stream().filter(SentCommand::answeredAfterFailover).count());
        row(lines, "without an answer when the load stopped (in flight at a kill)", count(commands, SentCommand.Fate.UNANSWERED));
        row(lines, "of which found applied after the restart (the answer was lost)", unansweredFoundApplied);
        row(lines, "refused (4xx)", count(commands, SentCommand.Fate.REFUSED));
        row(lines, "half applied (event without key, key without event)", halfApplied);
        row(lines, "answered success in the end (after sending again)", commands.stream().filter(SentCommand::answeredInTheEnd).count());
        row(lines, "found once in the ledger", foundOnce);
        row(lines, "lost (goal 0)", lost);
        row(lines, "doubled (goal 0)", doubled);
        row(lines, "answers sent again and replayed byte for byte", replaysEqual + " of " + replaysChecked);
        row(lines, "Kafka messages of the run's events (duplicates / missing)", kafkaMessages + " (" + kafkaDuplicates + " / " + kafkaMissing + ")");
        row(lines, "ClickHouse money events, each once read FINAL (rows written twice and not merged yet / missing / doubled)",
                clickHouseEvents + " (" + clickHouseCopies + " / " + clickHouseMissing + " / " + clickHouseDoubled + ")");
        row(lines, "audit verifications clean", verificationsClean + " of " + verifications + " (" + eventsVerified + " events in the last)");
        if (!takeovers.isEmpty()) {
            row(lines, "segments taken over by the surviving node", segmentsTakenOver);
            row(lines, "kill to every segment claimed by the survivor, s", seconds(takeovers));
        }
        row(lines, "restart until ready, s", seconds(restarts));
        row(lines, "read models caught up after each restart, s", seconds(catchUps));
        lines.add("");
        lines.add("Made with `" + command() + "`.");
        if (problemCount > 0) {
            lines.add("");
            lines.add("Problems found (" + problemCount + "):");
            problems().forEach(problem -> lines.add("- " + problem));
        }
        return String.join("\n", lines) + "\n";
    }

    /** Prints the report and writes it to {@code target/faults/<file>.md}. */
    void publish(FaultSettings settings, List<SentCommand> commands) {
        String report = report(settings, commands);
        System.out.println(report);
        try {
            Path path = Path.of("target", "faults", file + ".md");
            Files.createDirectories(path.getParent());
            Files.writeString(path, report, StandardCharsets.UTF_8);
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }

    /** Fails, naming {@code when}, if anything was found wrong (the test publishes the figures and the problems in any case). */
    void assertClean(String when) {
        assertThat(problems()).as(when).isEmpty();
    }

    /** How the figures were made: the bench scripts name themselves (FAULTS_COMMAND); otherwise the suite ran the test. */
    private static String command() {
        return System.getenv().getOrDefault("FAULTS_COMMAND", "scripts/test.sh (the suite's short form)");
    }

    /** The first figure of /proc/loadavg: the machine is shared by the service, PostgreSQL, ClickHouse and the test. */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException unknown) {
            return "unknown";
        }
    }

    private static long count(List<SentCommand> commands, SentCommand.Fate fate) {
        return commands.stream().filter(command -> command.fate() == fate).count();
    }

    private static void row(List<String> lines, String what, Object value) {
        lines.add("| " + what + " | " + value + " |");
    }

    /** Mean and largest, e.g. {@code 14.2 (max 21.0)}. */
    private static String seconds(List<Duration> durations) {
        if (durations.isEmpty()) {
            return "-";
        }
        double mean = durations.stream().mapToLong(Duration::toMillis).average().orElse(0) / 1000.0;
        double max = durations.stream().mapToLong(Duration::toMillis).max().orElse(0) / 1000.0;
        return String.format(Locale.ROOT, "%.1f (max %.1f)", mean, max);
    }

    private static List<String> concat(List<String> list, String last) {
        List<String> all = new ArrayList<>(list);
        all.add(last);
        return all;
    }
}
