package io.chipledger.core.wallet;

import io.chipledger.core.ledger.Posting;
import java.util.List;
import java.util.Map;

/**
 * A wallet event that moves money: it carries its double-entry postings (they sum to zero per
 * asset) and the wallet's balances after it for every asset the postings touch.
 */
public interface MoneyMovedEvent extends WalletEvent {

    /** The ledger's id of this transaction. */
    String transactionId();

    /** The partner's id of this transaction; also its idempotency key. */
    String partnerTransactionId();

    List<Posting> postings();

    Map<String, Balance> balancesAfter();
}
