package io.chipledger.core.wallet;

import com.fasterxml.jackson.annotation.JsonTypeName;
import org.axonframework.serialization.Revision;

/** An admin froze the wallet: debits are refused, wins and rollbacks still arrive. */
@JsonTypeName("wallet.WalletFrozenEvent")
@Revision("1")
public record WalletFrozenEvent(WalletId walletId, String reason) implements WalletEvent {
}
