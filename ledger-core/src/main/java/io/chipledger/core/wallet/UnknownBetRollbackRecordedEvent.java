package io.chipledger.core.wallet;

import com.fasterxml.jackson.annotation.JsonTypeName;
import org.axonframework.serialization.Revision;

/**
 * A rollback arrived for a bet the wallet never saw. No money moves, but the bet's id is
 * remembered so that the bet is refused if it arrives late.
 */
@JsonTypeName("wallet.UnknownBetRollbackRecordedEvent")
@Revision("1")
public record UnknownBetRollbackRecordedEvent(
        WalletId walletId,
        String transactionId,
        String partnerTransactionId,
        String betPartnerTransactionId) implements WalletEvent {
}
