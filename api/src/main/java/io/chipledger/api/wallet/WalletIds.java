package io.chipledger.api.wallet;

import io.chipledger.api.problem.InvalidRequestException;
import io.chipledger.core.wallet.WalletId;

/** Builds a wallet id from the path or a body, answering a bad player id as a 400 on {@code player_id}. */
public final class WalletIds {

    private WalletIds() {
    }

    public static WalletId of(String partnerId, String playerId) {
        return new WalletId(partnerId, playerId(playerId));
    }

    /** A player id from the path or a body, checked before the partner it belongs to is looked up. */
    public static String playerId(String playerId) {
        // "." and ".." would name the path segments around a player in every URL that holds one.
        if (playerId == null || !WalletId.ID.matcher(playerId).matches() || playerId.equals(".") || playerId.equals("..")) {
            throw new InvalidRequestException("player_id",
                    "player_id must be 1-" + WalletId.ID_LENGTH_MAX + " letters, digits, '_', '.' or '-', and not '.' or '..'");
        }
        return playerId;
    }
}
