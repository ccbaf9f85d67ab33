package io.chipledger.core.rewardpool;

import io.chipledger.core.CommandReceipt;
import io.chipledger.core.wallet.AssetAmount;
import io.chipledger.core.wallet.WalletReceipt;

/**
 * What a draw answers: the draw as the pool decided it ({@code poolKey} at {@code poolVersion}) and,
 * once the chain has credited it, the wallet's receipt ({@code wallet}, null while not yet credited
 * and for a blank drawn without a stake, which moves nothing). Stored with the key, so a retry is
 * given the same item back.
 */
public record RewardDrawReceipt(String poolKey, long poolVersion, String poolId, String transactionId, String playerId, String itemId,
                                AssetAmount reward, AssetAmount stake, String seed, long roll, long totalWeight, WalletReceipt wallet)
        implements CommandReceipt {

    /** Whether the wallet is to be moved: the item gives something or the player pays a stake. */
    public boolean movesMoney() {
        return reward != null || stake != null;
    }

    public RewardDrawReceipt credited(WalletReceipt walletReceipt) {
        return new RewardDrawReceipt(poolKey, poolVersion, poolId, transactionId, playerId, itemId, reward, stake, seed, roll, totalWeight,
                walletReceipt);
    }

    /** The wallet's event when there is one: the newest of the chain's transaction. */
    @Override
    public String aggregateId() {
        return wallet != null ? wallet.aggregateId() : poolKey;
    }

    @Override
    public long version() {
        return wallet != null ? wallet.version() : poolVersion;
    }
}
