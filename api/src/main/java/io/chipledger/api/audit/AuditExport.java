package io.chipledger.api.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.chipledger.api.audit.ChainCheckpoints.Checkpoint;
import io.chipledger.core.audit.EventHashChain;
import io.chipledger.projections.QueryTimes;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * The event store, or a period of it, as NDJSON, for an auditor to keep outside the database and
 * verify later without it ({@code audit export}, {@code audit verify --export}): one line per event
 * in global position order, with the payload and metadata as the exact stored bytes (base64, so
 * every hash can be recomputed), and beside it a manifest ({@code <file>.manifest.json}): the
 * format, the number of events, the positions exported, the chain upgrade position, the checkpoint
 * the export starts after and those inside it, each chain's predecessor link where the export
 * starts in its middle, and each chain's head (the anchored heads of {@code event_chain_head} for a
 * whole store, the last link exported for a period).
 *
 * <p>A period ({@code from}, {@code to}) is widened to checkpoint boundaries, so its checkpoints can
 * be recomputed from the file alone: it starts after the newest checkpoint before its first event,
 * and ends at the first checkpoint at or after its last (or the newest event, when no checkpoint
 * has been made there yet). Written to a temporary file and moved into place, so an interrupted
 * export leaves no half file; run again, it writes the same.
 */
public final class AuditExport {

    public static final String FORMAT = "chipledger-export-v2";
    /** The manifest's and the checkpoint file's JSON: snake_case, as the audit API writes. */
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final Base64.Encoder BASE64 = Base64.getEncoder();
    private static final Base64.Decoder BASE64_DECODER = Base64.getDecoder();

    private AuditExport() {
    }

    /** A chain's link: its sequence and its hash as stored. */
    public record ChainHead(long sequence, String hash) {

        @Override
        public String toString() {
            return "sequence " + sequence + " with hash " + hash;
        }
    }

    /** What an export holds, written beside it. Positions exported are {@code (afterPosition, throughPosition]}. */
    public record Manifest(String format, long events, long afterPosition, long throughPosition, long version2From,
                           Checkpoint previousCheckpoint, List<Checkpoint> checkpoints, Map<String, ChainHead> chainStarts,
                           Map<String, ChainHead> chains) {
    }

    /** The manifest's path for an export file. */
    public static Path manifestOf(Path export) {
        return export.resolveSibling(export.getFileName() + ".manifest.json");
    }

    /** Writes the events of the period {@code [from, to)} (null: unbounded) to {@code file} and its manifest beside it. */
    public static Manifest write(Connection connection, Path file, Instant from, Instant to, LongConsumer progress)
            throws SQLException, IOException {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("the period's --from (" + from + ") must be before its --to (" + to + ")");
        }
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        Manifest manifest;
        try (BufferedWriter out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
            manifest = StoreSnapshot.read(connection, snapshot -> write(snapshot, out, from, to, progress));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        JSON.writerWithDefaultPrettyPrinter().writeValue(manifestOf(file).toFile(), manifest);
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
        progress.accept(manifest.events());
        return manifest;
    }

    private static Manifest write(Connection snapshot, BufferedWriter out, Instant from, Instant to, LongConsumer progress)
            throws SQLException {
        long head = single(snapshot, "SELECT coalesce(max(global_index), 0) FROM domain_event_entry");
        long after = from == null ? 0 : single(snapshot, "SELECT coalesce((SELECT max(position) FROM chain_checkpoint WHERE position < "
                + "(SELECT min(global_index) FROM domain_event_entry WHERE time_stamp::timestamptz >= ?)), "
                + "CASE WHEN EXISTS (SELECT 1 FROM domain_event_entry WHERE time_stamp::timestamptz >= ?) THEN 0 ELSE " + head + " END)",
                QueryTimes.bound(from), QueryTimes.bound(from));
        long through = head;
        if (to != null) {
            // Nothing before --to: the period is empty, not the whole store.
            long lastBefore = single(snapshot, "SELECT coalesce(max(global_index), -1) FROM domain_event_entry "
                    + "WHERE time_stamp::timestamptz < ?", QueryTimes.bound(to));
            through = lastBefore < 0 ? after : single(snapshot, "SELECT coalesce((SELECT min(position) FROM chain_checkpoint "
                    + "WHERE position >= ?), " + head + ")", lastBefore);
        }
        through = Math.max(after, through);
        List<Checkpoint> all = StoreSnapshot.checkpoints(snapshot);
        Checkpoint previous = null;
        List<Checkpoint> inside = new ArrayList<>();
        for (Checkpoint checkpoint : all) {
            if (checkpoint.position() == after) {
                previous = checkpoint;
            } else if (checkpoint.position() > after && checkpoint.position() <= through) {
                inside.add(checkpoint);
            }
        }
        Map<String, ChainHead> chains = new TreeMap<>();
        Map<String, Long> firstSequences = new TreeMap<>();
        long[] events = {0};
        StoreSnapshot.eventsByPosition(snapshot, after, through, event -> {
            try {
                out.write(JSON.writeValueAsString(line(event)));
                out.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            firstSequences.putIfAbsent(event.aggregateId(), event.sequence());
            chains.put(event.aggregateId(), new ChainHead(event.sequence(), event.storedHash()));
            if (++events[0] % StoreVerification.PROGRESS_EVERY_EVENTS == 0) {
                progress.accept(events[0]);
            }
        });
        if (after == 0 && through == head) {
            // The whole store: each chain must end at its anchored head, which is kept apart from the events.
            chains.clear();
            StoreSnapshot.stream(snapshot, "SELECT aggregate_identifier, sequence_number, event_hash FROM event_chain_head",
                    row -> chains.put(row.getString(1), new ChainHead(row.getLong(2), row.getString(3))));
        }
        return new Manifest(FORMAT, events[0], after, through, StoreSnapshot.version2From(snapshot), previous, inside,
                chainStarts(snapshot, firstSequences), chains);
    }

    /** Each chain's link before its first exported event, where that is not its first event. */
    private static Map<String, ChainHead> chainStarts(Connection snapshot, Map<String, Long> firstSequences) throws SQLException {
        Map<String, ChainHead> starts = new TreeMap<>();
        for (Map.Entry<String, Long> first : firstSequences.entrySet()) {
            if (first.getValue() > 0) {
                try (PreparedStatement query = snapshot.prepareStatement("SELECT " + EventHashChain.STORED_LINK_SQL
                        + " FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = ?")) {
                    query.setString(1, first.getKey());
                    query.setLong(2, first.getValue() - 1);
                    try (ResultSet row = query.executeQuery()) {
                        starts.put(first.getKey(), new ChainHead(first.getValue() - 1, row.next() ? row.getString(1) : null));
                    }
                }
            }
        }
        return starts;
    }

    private static long single(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setObject(i + 1, parameters[i]);
            }
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    /** The manifest beside an export. */
    static Manifest readManifest(Path file) throws IOException {
        Manifest manifest = JSON.readValue(manifestOf(file).toFile(), Manifest.class);
        if (!FORMAT.equals(manifest.format())) {
            throw new IOException(file + " is not a " + FORMAT + " export");
        }
        return manifest;
    }

    /** Reads an export line by line, in constant memory; a line that does not read (a file cut or altered) goes to {@code unreadable}. */
    static void read(Path file, Consumer<StoredEvent> each, java.util.function.LongConsumer unreadable) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            long number = 0;
            for (String line; (line = in.readLine()) != null; ) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode event;
                try {
                    event = JSON.readTree(line);
                } catch (com.fasterxml.jackson.core.JsonProcessingException notJson) {
                    unreadable.accept(number);
                    continue;
                }
                each.accept(event(event));
            }
        }
    }

    private static ObjectNode line(StoredEvent event) {
        ObjectNode line = JSON.createObjectNode();
        line.put("aggregate_id", event.aggregateId());
        line.put("sequence", event.sequence());
        line.put("global_position", event.globalPosition());
        line.put("event_id", event.eventId());
        line.put("type", event.type());
        line.put("time_stamp", event.timeStamp());
        line.put("payload_type", event.payloadType());
        line.put("payload_revision", event.payloadRevision());
        line.put("payload_base64", BASE64.encodeToString(event.payload()));
        line.put("meta_data_base64", event.metaData() == null ? null : BASE64.encodeToString(event.metaData()));
        line.put("event_hash", event.eventHash());
        return line;
    }

    private static StoredEvent event(JsonNode line) {
        byte[] payload = decode(line.path("payload_base64"));
        return new StoredEvent(line.path("aggregate_id").asText(), line.path("sequence").asLong(), line.path("global_position").asLong(),
                line.path("event_id").asText(), line.path("type").asText(null), line.path("time_stamp").asText(null),
                line.path("payload_type").asText(), line.path("payload_revision").asText(null),
                payload == null ? new byte[0] : payload, decode(line.path("meta_data_base64")), line.path("event_hash").asText(null));
    }

    private static byte[] decode(JsonNode base64) {
        if (base64.isMissingNode() || base64.isNull()) {
            return null;
        }
        try {
            return BASE64_DECODER.decode(base64.asText());
        } catch (IllegalArgumentException notBase64) {
            // Not what was written: the verification reports the event's bytes as altered.
            return base64.asText().getBytes(StandardCharsets.UTF_8);
        }
    }
}
