package io.chipledger.core.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The tamper-evidence of the event store. Each event's hash covers the previous event's hash of
 * the same aggregate and the event's row as stored in {@code domain_event_entry}, so an auditor
 * can recompute the chain from the table alone, in any language (docs/audit.md shows it in plain
 * SQL). Altering, removing or reordering an event breaks every hash after it. {@code |} below is a
 * single zero byte (no stored text or JSON holds one, so no two rows give the same input), a
 * missing text is empty, and {@code hash(-1)} is {@link #GENESIS}.
 *
 * <p>Version 2, for every event at or after the position the upgrade recorded
 * ({@code event_chain_upgrade}), covers every column that carries meaning, the metadata (actor,
 * key, IP, correlation) and the timestamp text included, and is stored in the row's
 * {@code event_hash} column:
 * <pre>
 * hash(n) = hex(SHA-256( "chipledger-chain-v2" | hash(n-1) | aggregate_identifier | sequence_number | event_identifier
 *                        | type | time_stamp | payload_type | payload_revision | payload | meta_data ))
 * </pre>
 *
 * <p>Version 1, for events stored before that upgrade, covered the row without its metadata,
 * timestamp, type and revision, and is kept in the metadata under {@link #HASH_METADATA_KEY}:
 * <pre>
 * hash(n) = hex(SHA-256( hash(n-1) | aggregate_identifier | sequence_number | event_identifier | payload_type | payload ))
 * </pre>
 */
public final class EventHashChain {

    /** The metadata key under which a version 1 event's hash is stored. */
    public static final String HASH_METADATA_KEY = "event_hash";
    public static final String GENESIS = "0".repeat(64);
    /** An event's stored link as a PostgreSQL expression over its {@code domain_event_entry} row: the column, else the metadata's. */
    public static final String STORED_LINK_SQL = "coalesce(event_hash, convert_from(meta_data, 'UTF8')::jsonb ->> '" + HASH_METADATA_KEY + "')";
    /** The first field of every version 2 input, so no version 1 input can ever equal one. */
    public static final String V2_TAG = "chipledger-chain-v2";

    private EventHashChain() {
    }

    /** One stored row as the chain reads it: every column but the global position and the stored hash. */
    public record Row(String aggregateId, long sequence, String eventId, String type, String timeStamp, String payloadType,
                      String payloadRevision, byte[] payload, byte[] metaData) {
    }

    /** The hash of {@code row} under chain {@code version} (1 or 2), following {@code previousHash}. */
    public static String next(int version, String previousHash, Row row) {
        return switch (version) {
            case 1 -> next(previousHash, row.aggregateId(), row.sequence(), row.eventId(), row.payloadType(), row.payload());
            case 2 -> nextV2(previousHash, row);
            default -> throw new IllegalArgumentException("no chain version " + version);
        };
    }

    /** Version 1: the row without metadata, timestamp, type and revision. */
    public static String next(String previousHash, String aggregateId, long sequenceNumber,
                              String eventId, String payloadType, byte[] payload) {
        MessageDigest digest = Sha256.digest();
        update(digest, previousHash);
        update(digest, aggregateId);
        update(digest, Long.toString(sequenceNumber));
        update(digest, eventId);
        update(digest, payloadType);
        digest.update(payload);
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String nextV2(String previousHash, Row row) {
        MessageDigest digest = Sha256.digest();
        update(digest, V2_TAG);
        update(digest, previousHash);
        update(digest, row.aggregateId());
        update(digest, Long.toString(row.sequence()));
        update(digest, row.eventId());
        update(digest, row.type());
        update(digest, row.timeStamp());
        update(digest, row.payloadType());
        update(digest, row.payloadRevision());
        digest.update(row.payload());
        digest.update((byte) 0);
        if (row.metaData() != null) {
            digest.update(row.metaData());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** A text field and its zero-byte separator; a missing text is empty. */
    static void update(MessageDigest digest, String field) {
        if (field != null) {
            digest.update(field.getBytes(StandardCharsets.UTF_8));
        }
        digest.update((byte) 0);
    }
}
