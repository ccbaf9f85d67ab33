package io.chipledger.api.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * The event store as NDJSON, for an auditor to keep outside the database and verify later without
 * it ({@code audit export}, {@code audit verify --export}): one line per event in (aggregate,
 * sequence) order, with the payload and metadata as the exact stored bytes (base64, so every hash
 * can be recomputed), and beside it a manifest ({@code <file>.manifest.json}): the format, the
 * number of events, the first and last global position, and the last link of every chain. Written
 * to a temporary file and moved into place, so an interrupted export leaves no half file; run again,
 * it writes the same.
 */
public final class AuditExport {

    public static final String FORMAT = "chipledger-export-v1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder BASE64 = Base64.getEncoder();
    private static final Base64.Decoder BASE64_DECODER = Base64.getDecoder();

    private AuditExport() {
    }

    /** A chain's last link: its sequence and its hash as stored. */
    public record ChainHead(long sequence, String hash) {
    }

    /** What an export holds, written beside it. */
    public record Manifest(String format, long events, long firstPosition, long lastPosition, Map<String, ChainHead> chains) {
    }

    /** The manifest's path for an export file. */
    public static Path manifestOf(Path export) {
        return export.resolveSibling(export.getFileName() + ".manifest.json");
    }

    /** Writes every stored event to {@code file} and its manifest beside it; answers the manifest. */
    public static Manifest write(Connection connection, Path file, LongConsumer progress) throws SQLException, IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        long[] counts = {0, Long.MAX_VALUE, Long.MIN_VALUE};
        Map<String, ChainHead> chains = new TreeMap<>();
        try (BufferedWriter out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
            StoredEvent.readAll(connection, event -> {
                try {
                    out.write(JSON.writeValueAsString(line(event)));
                    out.write('\n');
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                chains.put(event.aggregateId(), new ChainHead(event.sequence(), event.storedHash()));
                counts[1] = Math.min(counts[1], event.globalPosition());
                counts[2] = Math.max(counts[2], event.globalPosition());
                if (++counts[0] % StoreVerification.PROGRESS_EVERY_EVENTS == 0) {
                    progress.accept(counts[0]);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        Manifest manifest = new Manifest(FORMAT, counts[0], counts[0] == 0 ? 0 : counts[1], counts[0] == 0 ? 0 : counts[2], chains);
        JSON.writerWithDefaultPrettyPrinter().writeValue(manifestOf(file).toFile(), manifest);
        Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        progress.accept(counts[0]);
        return manifest;
    }

    /** Reads an export line by line, in constant memory but for the manifest; answers the manifest. */
    static Manifest read(Path file, Consumer<StoredEvent> each) throws IOException {
        Manifest manifest = JSON.readValue(manifestOf(file).toFile(), Manifest.class);
        if (!FORMAT.equals(manifest.format())) {
            throw new IOException(file + " is not a " + FORMAT + " export");
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line; (line = in.readLine()) != null; ) {
                if (!line.isBlank()) {
                    each.accept(event(JSON.readTree(line)));
                }
            }
        }
        return manifest;
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
        return line;
    }

    private static StoredEvent event(JsonNode line) {
        byte[] payload = decode(line.path("payload_base64"));
        return new StoredEvent(line.path("aggregate_id").asText(), line.path("sequence").asLong(), line.path("global_position").asLong(),
                line.path("event_id").asText(), line.path("type").asText(null), line.path("time_stamp").asText(null),
                line.path("payload_type").asText(), line.path("payload_revision").asText(null),
                payload == null ? new byte[0] : payload, decode(line.path("meta_data_base64")));
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
