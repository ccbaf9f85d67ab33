package io.chipledger.api.idempotency;

import io.chipledger.core.wallet.WalletReceipt;
import java.time.Instant;

/**
 * What a wallet command answered, as stored under its idempotency key: the aggregate's receipt,
 * the global position of the wallet's last event, and when it was processed.
 */
public record RecordedOutcome(WalletReceipt receipt, long position, Instant processedAt) {
}
