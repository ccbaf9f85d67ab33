package io.chipledger.core.wallet;

import java.time.Instant;

/** A two-phase withdrawal whose amount is reserved until it is approved or released. */
public record PendingWithdrawal(String asset, long amountMinor, Instant expiresAt) {
}
