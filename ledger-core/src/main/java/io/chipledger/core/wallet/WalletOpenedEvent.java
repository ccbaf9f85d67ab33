package io.chipledger.core.wallet;

import com.fasterxml.jackson.annotation.JsonTypeName;
import org.axonframework.serialization.Revision;

/** A wallet came into being with the player's first deposit. */
@JsonTypeName("wallet.WalletOpenedEvent")
@Revision("1")
public record WalletOpenedEvent(WalletId walletId) implements WalletEvent {
}
