package io.chipledger.api.wallet;

import io.chipledger.api.problem.InvalidRequestException;
import io.chipledger.core.wallet.WalletId;

/** Builds a wallet id from the path, answering a bad player id as a 400 on {@code player_id}. */
public final class WalletIds {

    private WalletIds() {
    }

    public static WalletId of(String partnerId, String playerId) {
        if (playerId == null || !WalletId.ID.matcher(playerId).matches()) {
            throw new InvalidRequestException("player_id",
                    "player_id must be 1-" + WalletId.ID_LENGTH_MAX + " letters, digits, '_', '.' or '-'");
        }
        return new WalletId(partnerId, playerId);
    }
}
