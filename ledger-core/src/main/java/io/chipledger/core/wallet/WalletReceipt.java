package io.chipledger.core.wallet;

import io.chipledger.core.CommandReceipt;
import java.util.Map;

/**
 * What a wallet command answers: the ledger's transaction id, the asset it moved (null when it
 * moved none: a freeze, a rollback of a bet the ledger never saw), the wallet's balances after it,
 * straight from the aggregate (strongly consistent, unlike a query), and the wallet's version:
 * the sequence number of its newest event, which locates the command's events in the store.
 */
public record WalletReceipt(WalletId walletId, String transactionId, String asset, Map<String, Balance> balances, long version)
        implements CommandReceipt {

    @Override
    public String aggregateId() {
        return walletId.toString();
    }
}
