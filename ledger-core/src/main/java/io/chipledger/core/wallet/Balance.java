package io.chipledger.core.wallet;

/** What a wallet holds of one asset, in minor units: free to spend, and held for pending withdrawals. */
public record Balance(long available, long reserved) {

    public static final Balance ZERO = new Balance(0, 0);

    public long total() {
        return Math.addExact(available, reserved);
    }
}
