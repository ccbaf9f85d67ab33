package io.chipledger.core.wallet;

import java.util.regex.Pattern;

/**
 * A player's wallet within one partner. Its string form, {@code partnerId:playerId}, is the
 * aggregate identifier in the event store; neither part may contain the colon.
 */
public record WalletId(String partnerId, String playerId) {

    public static final int ID_LENGTH_MAX = 64;
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9_.\\-]{1," + ID_LENGTH_MAX + "}");

    public WalletId {
        requireId("partner id", partnerId);
        requireId("player id", playerId);
    }

    private static void requireId(String what, String value) {
        if (value == null || !ID.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " must be 1-" + ID_LENGTH_MAX + " letters, digits, '_', '.' or '-'");
        }
    }

    @Override
    public String toString() {
        return partnerId + ":" + playerId;
    }
}
