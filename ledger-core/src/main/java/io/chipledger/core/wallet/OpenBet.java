package io.chipledger.core.wallet;

/** A bet whose stake the house holds until a win settles it or a rollback refunds it. */
public record OpenBet(String asset, long amountMinor, String gameId, String roundId) {
}
