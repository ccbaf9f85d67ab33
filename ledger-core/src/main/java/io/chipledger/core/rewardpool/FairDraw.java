package io.chipledger.core.rewardpool;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The one function that decides a reward pool's draw (issue 20), pure so that anyone recomputes
 * every draw from the history: given the draw's seed and its inputs (the pool's items in their
 * order, each with its weight and its remaining stock, as the {@link RewardDrawnEvent} records
 * them), it always picks the same item.
 *
 * <ol>
 *   <li>The candidates are the items with stock left (no stock limit, or a remaining stock above
 *       0), in the pool's order; {@code T} is the sum of their weights ({@code 1 <= T <= 10^9}).</li>
 *   <li>For {@code n = 0, 1, 2, ...}: {@code block = SHA-256(seed || n)}, {@code seed} the 32 bytes
 *       of the seed and {@code n} 4 bytes, big-endian; {@code x} = the first 8 bytes of {@code block}
 *       read as a big-endian integer with its top bit cleared ({@code 0 <= x < 2^63}). {@code x} is
 *       taken when {@code x < 2^63 - (2^63 mod T)}, else the next {@code n} is tried: rejection
 *       sampling, so every roll is equally likely (a plain {@code x mod T} would favour the small
 *       rolls). The chance that a block is rejected is below {@code T / 2^63}, about 10^-10.</li>
 *   <li>{@code roll = x mod T}; the item drawn is the first candidate whose running total of
 *       weights exceeds {@code roll}. Each candidate is drawn with probability weight / T.</li>
 * </ol>
 */
public final class FairDraw {

    /** Bytes of a seed: 256 bits from the service's CSPRNG. */
    public static final int SEED_BYTES = 32;
    /** Blocks tried before giving up: reaching it has a chance below 10^-600, so it means a bug, not bad luck. */
    static final int BLOCKS_MAX = 64;

    private FairDraw() {
    }

    /** One item as the draw saw it; {@code remainingStock} null when the item has no stock limit. */
    public record Candidate(String itemId, long weight, Long remainingStock) {

        public Candidate {
            if (itemId == null || weight <= 0 || (remainingStock != null && remainingStock < 0)) {
                throw new IllegalArgumentException("a draw's item has an id, a positive weight and a stock of 0 or more (or none)");
            }
        }

        /** Whether this item can be drawn: it has no stock limit, or some left. */
        public boolean inStock() {
            return remainingStock == null || remainingStock > 0;
        }
    }

    /**
     * What a draw came to: the item drawn ({@code index} in the inputs), the {@code roll} in
     * {@code [0, totalWeight)}, and the in-stock {@code totalWeight} it was drawn from.
     */
    public record Pick(int index, String itemId, long roll, long totalWeight) {
    }

    /** The in-stock weights of {@code inputs}, the denominator of every item's odds of the next draw. */
    public static long totalWeight(List<Candidate> inputs) {
        return inputs.stream().filter(Candidate::inStock).mapToLong(Candidate::weight).sum();
    }

    /**
     * The item {@code seed} draws from {@code inputs}.
     *
     * @throws IllegalArgumentException when the seed is not {@value #SEED_BYTES} bytes or no item is in stock
     */
    public static Pick pick(byte[] seed, List<Candidate> inputs) {
        if (seed == null || seed.length != SEED_BYTES) {
            throw new IllegalArgumentException("a draw's seed is " + SEED_BYTES + " bytes");
        }
        long total = totalWeight(inputs);
        if (total <= 0) {
            throw new IllegalArgumentException("a draw needs an item in stock");
        }
        long roll = roll(seed, total);
        long running = 0;
        for (int index = 0; index < inputs.size(); index++) {
            Candidate candidate = inputs.get(index);
            if (!candidate.inStock()) {
                continue;
            }
            running += candidate.weight();
            if (roll < running) {
                return new Pick(index, candidate.itemId(), roll, total);
            }
        }
        throw new IllegalStateException("a roll below the total weight always falls on an item");
    }

    /** {@link #pick} with the seed as the 64 hex digits the event records. */
    public static Pick pick(String seedHex, List<Candidate> inputs) {
        return pick(HexFormat.of().parseHex(seedHex), inputs);
    }

    /** A uniform integer in {@code [0, total)} from the seed, by rejection sampling (step 2 above). */
    static long roll(byte[] seed, long total) {
        // 2^63 mod total, computed without 2^63 (one above Long.MAX_VALUE).
        long remainder = (Long.MAX_VALUE % total + 1) % total;
        long acceptedMax = Long.MAX_VALUE - remainder; // x < 2^63 - remainder
        for (int block = 0; block < BLOCKS_MAX; block++) {
            long x = ByteBuffer.wrap(sha256(seed, block)).getLong() & Long.MAX_VALUE;
            if (x <= acceptedMax) {
                return x % total;
            }
        }
        throw new IllegalStateException("no block of " + BLOCKS_MAX + " was accepted: SHA-256 is broken or this code is");
    }

    private static byte[] sha256(byte[] seed, int block) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(seed);
            digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(block).array());
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
