package io.chipledger.core.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The tamper-evidence of the event store. Each event's hash covers the previous event's hash of
 * the same aggregate and the event as stored:
 *
 * <pre>
 * hash(n) = hex(SHA-256( hash(n-1) | aggregate_id | sequence_number | event_id | payload_type | payload bytes ))
 * </pre>
 *
 * where {@code |} is a single zero byte and {@code hash(-1)} is {@link #GENESIS}. The input is
 * exactly what the {@code domain_event_entry} row holds, so an auditor can recompute the chain
 * from the table alone, in any language. Altering, removing or reordering an event breaks every
 * hash after it.
 */
public final class EventHashChain {

    /** The metadata key under which each event's hash is stored. */
    public static final String HASH_METADATA_KEY = "event_hash";
    public static final String GENESIS = "0".repeat(64);

    private EventHashChain() {
    }

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

    private static void update(MessageDigest digest, String field) {
        digest.update(field.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
    }
}
