package io.chipledger.core.wallet;

/** A positive amount of one asset, in minor units: a play's stake or one of its rewards, a price. */
public record AssetAmount(String asset, long amountMinor) {

    public AssetAmount {
        if (asset == null || asset.isBlank()) {
            throw new IllegalArgumentException("an amount names its asset");
        }
        if (amountMinor <= 0) {
            throw new IllegalArgumentException("an amount of " + asset + " is positive, got " + amountMinor);
        }
    }
}
