package io.chipledger.api.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import io.chipledger.api.analytics.ClickHouseSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The audit command line, run from the service's own jar without starting the service:
 * {@code java -jar api/target/chipledger.jar audit verify --db-url=jdbc:postgresql://…}, {@code audit
 * export --db-url=… --file=events.ndjson}, {@code audit verify --export=events.ndjson}. It reads the
 * database only (a read-only transaction). Exit codes: 0 the store verified clean, 1 failures were
 * found (each printed at its aggregate, sequence and position), 2 the verification could not run.
 * Progress goes to standard error: a bar on a terminal, a line every 10,000 events otherwise.
 */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "Audit the ledger's event store, read-only.",
        subcommands = {AuditCommand.Verify.class, AuditCommand.Export.class, AuditCommand.Checkpoints.class})
public final class AuditCommand {

    /** Exit code: clean. */
    public static final int CLEAN = 0;
    /** Exit code: failures found. */
    public static final int FAILURES_FOUND = 1;
    /** Exit code: the verification could not run (no database, bad arguments). */
    public static final int COULD_NOT_RUN = 2;

    private AuditCommand() {
    }

    /** Runs {@code audit <args>} and answers the exit code; output and errors go to the given writers. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine line = new CommandLine(new AuditCommand()).setOut(out).setErr(err);
        line.setExitCodeExceptionMapper(failure -> COULD_NOT_RUN);
        line.setParameterExceptionHandler((refused, arguments) -> {
            err.println(refused.getMessage());
            refused.getCommandLine().usage(err);
            return COULD_NOT_RUN;
        });
        return line.execute(args);
    }

    /** Where the store is read from: the database, with its credentials. */
    static final class Database {

        @Option(names = "--db-url", required = true, description = "JDBC URL of the ledger's PostgreSQL database")
        String url;

        @Option(names = "--db-user", defaultValue = "${env:PGUSER:-postgres}", description = "database user (default: $PGUSER or postgres)")
        String user;

        @Option(names = "--db-password", defaultValue = "${env:PGPASSWORD:-}", description = "database password (default: $PGPASSWORD)")
        String password;

        Connection connect() throws SQLException {
            Properties credentials = new Properties();
            credentials.setProperty("user", user);
            credentials.setProperty("password", password);
            return DriverManager.getConnection(url, credentials);
        }
    }

    /** One of the two sources a verification reads. */
    static final class Source {

        @CommandLine.ArgGroup(exclusive = false)
        Database database;

        @Option(names = "--export", description = "an export file (audit export) to verify instead of a database, with its manifest beside it")
        Path export;
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Check every aggregate's sequence and hash chain, every event's postings, and that no wallet goes below zero.")
    static final class Verify implements Callable<Integer> {

        @Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.ArgGroup(exclusive = true, multiplicity = "1")
        Source source;

        @Option(names = "--checkpoints", description = "a file of checkpoints kept outside the database (audit checkpoints): the store "
                + "must still give every one of them")
        Path checkpoints;

        @Option(names = "--clickhouse-url", defaultValue = "${env:CHIPLEDGER_CLICKHOUSE_URL:-}", description = "JDBC URL of the analytics "
                + "ClickHouse (default: $CHIPLEDGER_CLICKHOUSE_URL; user and password from $CHIPLEDGER_CLICKHOUSE_USER and _PASSWORD): "
                + "its postings are reconciled with the store")
        String clickHouseUrl;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try {
                StoreVerification.Report report;
                List<ChainCheckpoints.Checkpoint> kept = checkpoints == null ? List.of() : kept(checkpoints);
                if (source.export != null) {
                    Progress progress = new Progress(err, -1, System.console() != null);
                    report = StoreVerification.run(source.export, progress::show, kept);
                    progress.done();
                } else {
                    try (Connection connection = source.database.connect(); Connection analytics = clickHouse()) {
                        Progress progress = new Progress(err, StoreVerification.eventCount(connection), System.console() != null);
                        report = StoreVerification.run(connection, analytics, progress::show, kept);
                        progress.done();
                    }
                }
                print(out, report);
                return report.clean() ? CLEAN : FAILURES_FOUND;
            } catch (SQLException | IOException unreadable) {
                err.println("the verification could not run: " + unreadable.getClass().getSimpleName() + ": " + unreadable.getMessage());
                return COULD_NOT_RUN;
            }
        }

        /** The analytics ClickHouse when a URL is given, else null (the report notes it was not compared). */
        private Connection clickHouse() throws SQLException {
            if (clickHouseUrl == null || clickHouseUrl.isBlank()) {
                return null;
            }
            return new ClickHouseSettings(clickHouseUrl, System.getenv("CHIPLEDGER_CLICKHOUSE_USER"),
                    System.getenv("CHIPLEDGER_CLICKHOUSE_PASSWORD"), null).connect();
        }

        /**
         * The checkpoints an auditor kept: the file {@code audit checkpoints} writes (an array), or a
         * page of {@code GET /audit/v1/checkpoints} as it came (an object with {@code checkpoints}).
         * Each needs a position of 1 or more and a 64-digit hex hash.
         */
        static List<ChainCheckpoints.Checkpoint> kept(Path file) throws IOException {
            JsonNode read;
            try {
                read = AuditExport.JSON.readTree(file.toFile());
            } catch (JsonProcessingException notJson) {
                throw new IOException(file + " is not JSON (line " + notJson.getLocation().getLineNr() + ")");
            }
            JsonNode entries = read != null && read.isObject() ? read.path("checkpoints") : read;
            if (entries == null || !entries.isArray()) {
                throw new IOException(file + " holds no checkpoints: an array, or an object with a \"checkpoints\" array, was expected");
            }
            List<ChainCheckpoints.Checkpoint> kept = new java.util.ArrayList<>();
            for (int i = 0; i < entries.size(); i++) {
                JsonNode entry = entries.get(i);
                long position = entry.path("position").asLong(0);
                String hash = entry.path("checkpoint_hash").asText("");
                if (position < 1 || !hash.matches("[0-9a-f]{64}")) {
                    throw new IOException(file + ": checkpoint " + (i + 1) + " needs a position of 1 or more and a checkpoint_hash of 64 "
                            + "lowercase hex digits");
                }
                kept.add(new ChainCheckpoints.Checkpoint(position, entry.path("previous_position").asLong(), entry.path("events").asLong(),
                        hash, null));
            }
            if (kept.isEmpty()) {
                throw new IOException(file + " holds no checkpoints: keep at least one to hold the store to");
            }
            return kept;
        }

        private static void print(PrintWriter out, StoreVerification.Report report) {
            for (StoreVerification.Failure failure : report.failures()) {
                out.printf("FAILED %s%s%s: %s: expected %s, found %s%n", failure.aggregateId(),
                        failure.sequence() >= 0 ? " sequence " + failure.sequence() : "",
                        failure.globalPosition() >= 0 ? " (position " + failure.globalPosition() + ")" : "",
                        failure.check(), failure.expected(), failure.found());
            }
            report.notes().forEach(note -> out.println("NOTE " + note));
            out.printf("%d events of %d aggregates and %d checkpoints verified: %s%n", report.eventsChecked(), report.aggregatesChecked(),
                    report.checkpointsChecked(),
                    report.clean() ? "clean" : report.failureCount() + " failures" + (report.failureCount() > report.failures().size()
                            ? " (the first " + report.failures().size() + " shown)" : ""));
            out.flush();
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write every stored event to an NDJSON file, with a manifest beside it, for a verification without the database.")
    static final class Export implements Callable<Integer> {

        @Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.ArgGroup(exclusive = false, multiplicity = "1")
        Database database;

        @Option(names = "--file", required = true, description = "the NDJSON file to write (its manifest goes to <file>.manifest.json)")
        Path file;

        @Option(names = "--from", description = "export the period from this instant (ISO-8601, e.g. 2026-11-01T00:00:00Z), widened to "
                + "the checkpoint before it")
        Instant from;

        @Option(names = "--to", description = "export the period up to this instant (exclusive), widened to the checkpoint after it")
        Instant to;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try (Connection connection = database.connect()) {
                Progress progress = new Progress(err, StoreVerification.eventCount(connection), System.console() != null);
                AuditExport.Manifest manifest;
                try {
                    manifest = AuditExport.write(connection, file, from, to, progress::show);
                } catch (IllegalArgumentException refused) {
                    err.println(refused.getMessage());
                    return COULD_NOT_RUN;
                }
                progress.done();
                out.printf("%d events of %d aggregates exported to %s (positions after %d through %d, %d checkpoints); manifest %s%n",
                        manifest.events(), manifest.chains().size(), file, manifest.afterPosition(), manifest.throughPosition(),
                        manifest.checkpoints().size(), AuditExport.manifestOf(file));
                out.flush();
                return CLEAN;
            } catch (SQLException | IOException failed) {
                err.println("the export could not run: " + failed.getClass().getSimpleName() + ": " + failed.getMessage());
                return COULD_NOT_RUN;
            }
        }
    }

    @Command(name = "checkpoints", mixinStandardHelpOptions = true,
            description = "Write every checkpoint of the store to a JSON file, to keep outside the database for audit verify --checkpoints.")
    static final class Checkpoints implements Callable<Integer> {

        @Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.ArgGroup(exclusive = false, multiplicity = "1")
        Database database;

        @Option(names = "--file", required = true, description = "the JSON file to write")
        Path file;

        @Override
        public Integer call() {
            try (Connection connection = database.connect()) {
                List<ChainCheckpoints.Checkpoint> checkpoints = StoreSnapshot.read(connection, StoreSnapshot::checkpoints);
                AuditExport.JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), checkpoints);
                PrintWriter out = spec.commandLine().getOut();
                out.printf("%d checkpoints written to %s%s%n", checkpoints.size(), file, checkpoints.isEmpty() ? ""
                        : " (the newest at position " + checkpoints.get(checkpoints.size() - 1).position() + ")");
                out.flush();
                return CLEAN;
            } catch (SQLException | IOException failed) {
                spec.commandLine().getErr().println("the checkpoints could not be written: " + failed.getMessage());
                return COULD_NOT_RUN;
            }
        }
    }

    /** Progress on standard error: a bar redrawn in place on a terminal, plain lines otherwise. */
    private record Progress(PrintWriter err, long total, boolean terminal) {

        static final int PROGRESS_LINE_EVERY_EVENTS = 10_000;

        /** Every 10,000 events, and at the end; the bar is redrawn at every report. */
        void show(long done) {
            if (!terminal && done % PROGRESS_LINE_EVERY_EVENTS != 0 && done != total) {
                return;
            }
            if (total < 0) {
                // An export's length is known only once it has been read.
                err.printf(terminal ? "\r%d events read" : "%d events read%n", done);
                err.flush();
                return;
            }
            long percent = total == 0 ? 100 : Math.min(100, done * 100 / total);
            if (terminal) {
                String bar = "#".repeat((int) (percent / 5)) + ".".repeat(20 - (int) (percent / 5));
                err.printf("\r[%s] %d%% %d of %d events", bar, percent, done, total);
            } else {
                err.printf("verified %d of %d events (%d%%)%n", done, total, percent);
            }
            err.flush();
        }

        void done() {
            if (terminal) {
                err.println();
            }
        }
    }
}
