package io.chipledger.core.wallet;

import com.fasterxml.jackson.annotation.JsonTypeName;
import org.axonframework.serialization.Revision;

/** An admin lifted a freeze. */
@JsonTypeName("wallet.WalletUnfrozenEvent")
@Revision("1")
public record WalletUnfrozenEvent(WalletId walletId, String reason) implements WalletEvent {
}
