package io.chipledger.api.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exports, whole or of a period, verify without the database like the database, and their alterations are found (issue 13). */
class AuditExportTest extends ScratchStoreTest {
    @Test
    void anExportVerifiesLikeTheDatabaseAndItsAlterationsAreFound(@TempDir Path directory) throws Exception {
        Path export = directory.resolve("events.ndjson");
        Result exported = run("export", "--db-url=" + scratchUrl, "--db-user=" + user(), "--file=" + export);
        Result fromDatabase = verify();
        Result fromExport = run("verify", "--export=" + export);

        assertThat(exported.exitCode()).as(exported.err()).isEqualTo(AuditCommand.CLEAN);
        assertThat(Files.exists(AuditExport.manifestOf(export))).isTrue();
        assertThat(fromExport.exitCode()).as(fromExport.out() + fromExport.err()).isEqualTo(AuditCommand.CLEAN);
        assertThat(lastLine(fromExport)).isEqualTo(lastLine(fromDatabase));

        List<String> lines = Files.readAllLines(export);
        int deposit = indexOf(lines, "\"sequence\":1,");
        String altered = lines.get(deposit).replaceFirst("\"payload_base64\":\"(.)", "\"payload_base64\":\"" + "X");
        Files.write(export, replaced(lines, deposit, altered));
        Result alteredLine = run("verify", "--export=" + export);
        Files.write(export, lines.subList(0, lines.size() - 1));
        Result cut = run("verify", "--export=" + export);

        assertThat(alteredLine.exitCode()).isEqualTo(AuditCommand.FAILURES_FOUND);
        assertThat(alteredLine.out()).contains(" sequence 1 ").contains("hash chain");
        assertThat(cut.exitCode()).isEqualTo(AuditCommand.FAILURES_FOUND);
        assertThat(cut.out()).contains("events in the export").contains("chain head in the manifest");
    }

    private static String lastLine(Result result) {
        List<String> lines = result.out().lines().toList();
        return lines.get(lines.size() - 1);
    }

    private int indexOf(List<String> lines, String marker) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("\"aggregate_id\":\"" + wallet + "\"") && lines.get(i).contains(marker)) {
                return i;
            }
        }
        throw new AssertionError("no line of " + wallet + " with " + marker);
    }

    private static List<String> replaced(List<String> lines, int index, String line) {
        List<String> copy = new java.util.ArrayList<>(lines);
        copy.set(index, line);
        return copy;
    }

    @Test
    void aPeriodExportStartsAtACheckpointAndVerifiesWithoutTheDatabase(@TempDir Path directory) throws Exception {
        String from = scratch.queryForObject("SELECT time_stamp FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = 2",
                String.class, wallet);
        // Time stamps are taken when a command runs and positions when it commits, so an event of another
        // aggregate may sit before the bet with a later time: the period starts at the first position in time.
        long first = scratch.queryForObject("SELECT min(global_index) FROM domain_event_entry WHERE time_stamp::timestamptz >= ?::timestamptz",
                Long.class, from);
        checkpoints().sealThrough(first - 1);
        checkpoints().sealThrough(headPosition());
        Path export = directory.resolve("period.ndjson");

        Result exported = run("export", "--db-url=" + scratchUrl, "--db-user=" + user(), "--file=" + export, "--from=" + from);
        Result fromExport = run("verify", "--export=" + export);

        assertThat(exported.exitCode()).as(exported.err()).isEqualTo(AuditCommand.CLEAN);
        assertThat(exported.out()).contains("positions after " + (first - 1) + " through " + headPosition() + ", 1 checkpoints");
        assertThat(fromExport.exitCode()).as(fromExport.out()).isEqualTo(AuditCommand.CLEAN);
        assertThat(fromExport.out()).contains("1 checkpoints verified: clean");
    }


    @Test
    void anEmptyOrBackwardPeriodAndACutLineAreSaidPlainly(@TempDir Path directory) throws Exception {
        Path export = directory.resolve("early.ndjson");
        Result beforeTheFirstEvent = run("export", "--db-url=" + scratchUrl, "--db-user=" + user(), "--file=" + export,
                "--to=2000-01-01T00:00:00Z");
        Result backward = run("export", "--db-url=" + scratchUrl, "--db-user=" + user(), "--file=" + directory.resolve("b.ndjson"),
                "--from=2026-02-01T00:00:00Z", "--to=2026-01-01T00:00:00Z");
        Path whole = directory.resolve("whole.ndjson");
        run("export", "--db-url=" + scratchUrl, "--db-user=" + user(), "--file=" + whole);
        List<String> lines = Files.readAllLines(whole);
        Files.write(whole, replaced(lines, 2, lines.get(2).substring(0, lines.get(2).length() / 2)));
        Result cut = run("verify", "--export=" + whole);
        List<String> swappedLines = new java.util.ArrayList<>(lines);
        java.util.Collections.swap(swappedLines, 1, 2);
        Files.write(whole, swappedLines);
        Result swapped = run("verify", "--export=" + whole);

        assertThat(beforeTheFirstEvent.out()).as(beforeTheFirstEvent.err()).startsWith("0 events");
        assertThat(backward.exitCode()).isEqualTo(AuditCommand.COULD_NOT_RUN);
        assertThat(backward.err()).contains("must be before its --to");
        assertThat(cut.exitCode()).as(cut.err()).isEqualTo(AuditCommand.FAILURES_FOUND);
        assertThat(cut.out()).contains("FAILED (export line 3): line: expected one event as JSON");
        assertThat(swapped.exitCode()).as(swapped.err()).isEqualTo(AuditCommand.FAILURES_FOUND);
        assertThat(swapped.out()).contains("positions rise through the export");
    }

    @Test
    void checkpointsKeptFromTheApiAreAcceptedAndAMalformedFileIsRefused(@TempDir Path directory) throws Exception {
        checkpoints().sealThrough(headPosition());
        ChainCheckpoints.Checkpoint stored = checkpoints().list(0, 10).get(0);
        Path page = directory.resolve("page.json");
        Files.writeString(page, "{\"checkpoints\":[{\"position\":" + stored.position() + ",\"previous_position\":0,\"events\":"
                + stored.events() + ",\"checkpoint_hash\":\"" + stored.checkpointHash() + "\",\"made_at\":\"2026-11-30T00:00:00Z\"}],"
                + "\"next_cursor\":null}");
        Path malformed = directory.resolve("malformed.json");
        Files.writeString(malformed, "[{\"position\":" + stored.position() + "}]");
        Path empty = directory.resolve("empty.json");
        Files.writeString(empty, "{\"checkpoints\":[]}");

        Result fromPage = run("verify", "--db-url=" + scratchUrl, "--db-user=" + user(), "--checkpoints=" + page);
        Result refused = run("verify", "--db-url=" + scratchUrl, "--db-user=" + user(), "--checkpoints=" + malformed);
        Result none = run("verify", "--db-url=" + scratchUrl, "--db-user=" + user(), "--checkpoints=" + empty);

        assertThat(fromPage.exitCode()).as(fromPage.out() + fromPage.err()).isEqualTo(AuditCommand.CLEAN);
        assertThat(refused.exitCode()).isEqualTo(AuditCommand.COULD_NOT_RUN);
        assertThat(refused.err()).contains("checkpoint 1 needs a position of 1 or more and a checkpoint_hash of 64");
        assertThat(none.exitCode()).isEqualTo(AuditCommand.COULD_NOT_RUN);
        assertThat(none.err()).contains("holds no checkpoints");
    }
}
