package io.chipledger.core.wallet;

/**
 * Why a game round closed (DESIGN.md "Game rounds"). A closed round takes no more bets or wins;
 * its bets still open when it closed are settled as lost.
 */
public enum RoundClose {
    /** A win said {@code round_closed: true}. */
    WIN_MARKED_CLOSED,
    /** Under the partner's {@code single_win} policy, every bet of the round was settled or rolled back. */
    ALL_BETS_SETTLED,
    /** Nothing happened in the round for the ledger's round timeout; the ledger closed it itself. */
    TIMED_OUT
}
