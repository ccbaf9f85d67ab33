package io.chipledger.core.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Checkpoints seal the whole store in global order. Checkpoint k covers the stored link of every
 * event whose global position is in {@code (P(k-1), P(k)]}, in position order, and follows
 * checkpoint k-1, so the newest checkpoint alone commits to every event at or before its position
 * (and, through each event's chain, to every chain head there). It is a text a shell can hash:
 * <pre>
 * checkpoint(k) = hex(SHA-256( "chipledger-checkpoint-v1\n" checkpoint(k-1) "\n" P(k-1) "\n"
 *                              link(1) "\n" … link(n) "\n" P(k) "\n" n "\n" ))
 * </pre>
 * with {@code checkpoint(0) = }{@link EventHashChain#GENESIS} and {@code P(0) = 0}. An auditor who
 * kept a copy of a checkpoint finds any event at or before its position altered, removed, added or
 * moved, even if every table in the database was rewritten to match. Memory is constant: links
 * are hashed as they come.
 */
public final class CheckpointChain {

    public static final String TAG = "chipledger-checkpoint-v1";

    private MessageDigest digest;
    private String previousHash;
    private long previousPosition;
    private long lastPosition;
    private long events;

    /** Starts after the checkpoint {@code previousHash} at {@code previousPosition} (GENESIS and 0 for the first). */
    public CheckpointChain(String previousHash, long previousPosition) {
        start(previousHash, previousPosition);
    }

    private void start(String hash, long position) {
        previousHash = hash;
        previousPosition = position;
        lastPosition = position;
        events = 0;
        digest = Sha256.digest();
        digest.update((TAG + "\n" + hash + "\n" + position + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The next event's stored link.
     *
     * @throws IllegalArgumentException when events do not come in rising position order
     */
    public void add(long position, String link) {
        if (position <= lastPosition) {
            throw new IllegalArgumentException("position " + position + " does not follow " + lastPosition);
        }
        lastPosition = position;
        digest.update((link + "\n").getBytes(StandardCharsets.UTF_8));
        events++;
    }

    /**
     * Closes the checkpoint at {@code position} over the events added since the previous one, and
     * starts the next after it; answers the checkpoint's hash.
     */
    public String seal(long position) {
        if (position < lastPosition) {
            throw new IllegalArgumentException("checkpoint " + position + " would leave out position " + lastPosition);
        }
        digest.update((position + "\n" + events + "\n").getBytes(StandardCharsets.UTF_8));
        String hash = HexFormat.of().formatHex(digest.digest());
        start(hash, position);
        return hash;
    }

    public long previousPosition() {
        return previousPosition;
    }

    public String previousHash() {
        return previousHash;
    }

    /** Events added since the previous checkpoint. */
    public long events() {
        return events;
    }
}
