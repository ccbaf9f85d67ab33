package io.chipledger.core.wallet;

import io.chipledger.core.partner.SettlementPolicy;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Credit a win of {@code amountMinor} (0 allowed: a lost round) for a round of the wallet; it
 * settles the bet it names, or else the round's open bets. {@code roundClosed} closes the round
 * with it; {@code policy} is the partner's settlement policy at the time of the call.
 */
public record PayWinCommand(
        @TargetAggregateIdentifier WalletId walletId,
        String transactionId,
        String partnerTransactionId,
        String asset,
        long amountMinor,
        String gameId,
        String roundId,
        String betPartnerTransactionId,
        boolean roundClosed,
        SettlementPolicy policy) {
}
