package io.chipledger.core.wallet;

import java.util.Objects;

/**
 * What gave a player a reward, so every reward traces back to it: a coupon redeemed (its code), a
 * reward pool's draw (the pool's id) or a campaign's delivery (the campaign's id).
 *
 * <p>{@code id} is at most {@value #ID_LENGTH_MAX} characters, the longest id any of the three has.
 */
public record RewardSource(Kind kind, String id) {

    public static final int ID_LENGTH_MAX = 64;

    /** The three things that give rewards (issue 20). */
    public enum Kind { COUPON, DRAW, CAMPAIGN }

    public RewardSource {
        Objects.requireNonNull(kind, "a reward names what gave it");
        if (id == null || id.isBlank() || id.length() > ID_LENGTH_MAX) {
            throw new IllegalArgumentException("a reward's source has an id of 1 to " + ID_LENGTH_MAX + " characters, got " + id);
        }
    }
}
