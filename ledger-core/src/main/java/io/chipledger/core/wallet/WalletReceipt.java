package io.chipledger.core.wallet;

import java.util.Map;

/**
 * What a wallet command answers: the ledger's transaction id and the wallet's balances after it,
 * straight from the aggregate (strongly consistent, unlike a query).
 */
public record WalletReceipt(WalletId walletId, String transactionId, Map<String, Balance> balances) {
}
