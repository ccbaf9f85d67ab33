package io.chipledger.core.coupon;

import io.chipledger.core.CommandReceipt;
import io.chipledger.core.wallet.AssetAmount;
import io.chipledger.core.wallet.WalletReceipt;

/**
 * What a redemption decided: the use, what the wallet is to be credited ({@code credited}, null for
 * free spins) and, once the credit is made in the same transaction, the wallet's receipt
 * ({@code wallet}). The newest event of the redemption is the wallet's when there is one, else the
 * coupon's ({@code couponVersion}).
 */
public record CouponRedemptionReceipt(String couponId, String code, String playerId, int useNumber, int playerUseNumber,
                                      CouponReward reward, AssetAmount credited, CouponEvents.NetLoss netLoss, long couponVersion,
                                      WalletReceipt wallet) implements CommandReceipt {

    public CouponRedemptionReceipt withWallet(WalletReceipt credit) {
        return new CouponRedemptionReceipt(couponId, code, playerId, useNumber, playerUseNumber, reward, credited, netLoss, couponVersion,
                credit);
    }

    @Override
    public String aggregateId() {
        return wallet != null ? wallet.aggregateId() : couponId;
    }

    @Override
    public long version() {
        return wallet != null ? wallet.version() : couponVersion;
    }
}
