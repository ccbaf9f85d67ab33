package io.chipledger.core.profile;

import io.chipledger.core.wallet.WalletId;

/**
 * The activity record of a player within one partner. Its string form,
 * {@code profile:partnerId:playerId}, is the aggregate identifier in the event store; the
 * prefix keeps it apart from the same player's wallet ({@code partnerId:playerId}).
 */
public record PlayerProfileId(String partnerId, String playerId) {

    private static final String PREFIX = "profile:";

    public PlayerProfileId {
        new WalletId(partnerId, playerId); // the same rules for both parts as a wallet's
    }

    public static PlayerProfileId of(WalletId wallet) {
        return new PlayerProfileId(wallet.partnerId(), wallet.playerId());
    }

    @Override
    public String toString() {
        return PREFIX + partnerId + ":" + playerId;
    }
}
