package io.chipledger.core.audit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.util.HexFormat;

/**
 * What ties a snapshot to the chain it summarises. A snapshot of an aggregate at sequence n
 * stores, in its metadata, the link of event n ({@link #CHAIN_HASH_KEY}) and its seal
 * ({@link #SEAL_KEY}):
 * <pre>
 * seal = hex(SHA-256( "chipledger-snapshot-v1" | aggregate_identifier | sequence_number | chain_hash | payload_type
 *                     | payload_revision | payload ))
 * </pre>
 * ({@code |} a zero byte, as in {@link EventHashChain}). A snapshot is loaded only when its seal
 * matches its bytes and its chain hash is the stored link of event n; otherwise the aggregate is
 * loaded from its events.
 *
 * <p>Anyone who can write the database can compute that seal, so the service seals with
 * HMAC-SHA-256 over the same input instead ({@link #KEYED_PREFIX} then hex), under the configured
 * {@code chipledger.audit.snapshot-key} or a random key of its own, and loads only snapshots sealed
 * with its key: a snapshot altered and resealed without the key is never used. The plain seal is
 * what snapshots of the first chain version 2 builds carry; the verifier, which has no key, checks
 * it, and checks a keyed snapshot's chain link, status and balances, not its seal.
 */
public final class SnapshotSeal {

    public static final String CHAIN_HASH_KEY = "chain_hash";
    public static final String SEAL_KEY = "snapshot_seal";
    private static final String TAG = "chipledger-snapshot-v1";
    /** How a keyed seal begins. */
    public static final String KEYED_PREFIX = "hmac-sha256:";

    private SnapshotSeal() {
    }

    /** The seal without a key: hex of SHA-256 over the input. */
    public static String seal(String aggregateId, long sequence, String chainHash, String payloadType, String payloadRevision,
                              byte[] payload) {
        return HexFormat.of().formatHex(Sha256.digest().digest(input(aggregateId, sequence, chainHash, payloadType, payloadRevision, payload)));
    }

    /** The seal with {@code key}: {@link #KEYED_PREFIX} and hex of HMAC-SHA-256 over the same input. */
    public static String keyedSeal(byte[] key, String aggregateId, long sequence, String chainHash, String payloadType,
                                   String payloadRevision, byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return KEYED_PREFIX + HexFormat.of().formatHex(mac.doFinal(input(aggregateId, sequence, chainHash, payloadType, payloadRevision,
                    payload)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }

    private static byte[] input(String aggregateId, long sequence, String chainHash, String payloadType, String payloadRevision,
                                byte[] payload) {
        ByteArrayOutputStream input = new ByteArrayOutputStream(payload.length + 256);
        for (String field : new String[] {TAG, aggregateId, Long.toString(sequence), chainHash, payloadType, payloadRevision}) {
            if (field != null) {
                input.writeBytes(field.getBytes(StandardCharsets.UTF_8));
            }
            input.write(0);
        }
        input.writeBytes(payload);
        return input.toByteArray();
    }
}
