package io.chipledger.core.audit;

import java.security.MessageDigest;
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
 * loaded from its events. The seal finds a snapshot altered by accident or by hand; one altered
 * and resealed on purpose is found by the verifier, which compares the snapshot's balances with
 * those the events give at n.
 */
public final class SnapshotSeal {

    public static final String CHAIN_HASH_KEY = "chain_hash";
    public static final String SEAL_KEY = "snapshot_seal";
    private static final String TAG = "chipledger-snapshot-v1";

    private SnapshotSeal() {
    }

    public static String seal(String aggregateId, long sequence, String chainHash, String payloadType, String payloadRevision,
                              byte[] payload) {
        MessageDigest digest = Sha256.digest();
        EventHashChain.update(digest, TAG);
        EventHashChain.update(digest, aggregateId);
        EventHashChain.update(digest, Long.toString(sequence));
        EventHashChain.update(digest, chainHash);
        EventHashChain.update(digest, payloadType);
        EventHashChain.update(digest, payloadRevision);
        digest.update(payload);
        return HexFormat.of().formatHex(digest.digest());
    }
}
