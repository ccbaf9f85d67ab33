package io.chipledger.core.partner;

/**
 * How a partner's game providers settle rounds (a partner setting, changed by ops; issue 11,
 * DESIGN.md "Game rounds"). The wallet applies it to every win and rollback of the partner's
 * players.
 */
public enum SettlementPolicy {
    /** The default: a bet is settled once; a second win naming it is refused, and a round closes when all its bets are settled or rolled back. */
    SINGLE_WIN,
    /** Several wins per round, each with its own id, while the round is open (bonus features); the round closes by a win marked {@code round_closed} or by the round timeout. */
    MULTI_WIN
}
