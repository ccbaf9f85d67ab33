package io.chipledger.core.wallet;

import io.chipledger.core.CommandReceipt;
import java.util.List;

/** What a bulk grant answers: one receipt per player, in the order of the request; all were granted or none. */
public record TokenGrantBatchReceipt(List<WalletReceipt> grants) implements CommandReceipt {

    public TokenGrantBatchReceipt {
        if (grants.isEmpty()) {
            throw new IllegalArgumentException("a bulk grant grants to at least one player");
        }
        grants = List.copyOf(grants);
    }

    /** The last grant's wallet: its event is the newest of the batch, all of which commit together. */
    @Override
    public String aggregateId() {
        return grants.get(grants.size() - 1).aggregateId();
    }

    @Override
    public long version() {
        return grants.get(grants.size() - 1).version();
    }
}
