package io.chipledger.core.wallet;

import java.util.Optional;

/**
 * The fates a wallet no longer holds in memory, answered from durable storage (issue 11).
 *
 * <p>A wallet remembers its open bets, open rounds and pending withdrawals for ever (they are
 * bounded by refusals), but only the most recent closed ones ({@link WalletState}). Every
 * closure is also written, in the transaction of the command that caused it, to a table keyed
 * by wallet and id (see {@link FateChanges}); once a wallet has forgotten any closure it asks
 * here for what is not in its memory, so a fate is never decided from a forgotten entry. The
 * implementation is the API's (PostgreSQL); tests use one built from the event history.
 */
public interface Fates {

    /** How a bet of this wallet that is no longer open was closed; empty if the wallet never closed it. */
    Optional<BetClosure> closedBet(WalletId wallet, String betPartnerTransactionId);

    /** How a round of this wallet closed; empty if it never closed (or never existed). */
    Optional<RoundClose> closedRound(WalletId wallet, String gameId, String roundId);

    /** How a two-phase withdrawal of this wallet was decided; empty if it never was. */
    Optional<DecidedWithdrawal> decidedWithdrawal(WalletId wallet, String withdrawalPartnerTransactionId);

    /**
     * What a partner's transaction id names when a rollback names it and it is no bet this wallet
     * took or closed, in words for the refusal ("a deposit", "a bet of another wallet"); empty if
     * the partner never used it, or used it for a bet of this wallet that a command of the same
     * transaction has yet to place (then the rollback is recorded and that bet refused).
     */
    Optional<String> otherUse(WalletId wallet, String partnerTransactionId);
}
