package io.chipledger.core.wallet;

/**
 * A money event of a game round: a bet, a win or a rollback. Each names its asset even when it
 * moves nothing (a stake or win of 0 has no postings), and the game and round it belongs to.
 */
public interface RoundMoneyEvent extends MoneyMovedEvent {

    String asset();

    long amountMinor();

    String gameId();

    String roundId();
}
