package io.chipledger.core.asset;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * Converts between the exact decimal a partner sends ("89.50") and the minor units the ledger keeps (8950).
 * An amount with more decimals than the asset's scale is refused, never rounded.
 */
public final class AmountFormat {

    /** The largest amount one command may move, in minor units: far above any real bet, far below overflow. */
    public static final long AMOUNT_MINOR_MAX = 1_000_000_000_000_000L;

    private AmountFormat() {
    }

    /** Parses a positive decimal amount; throws {@link InvalidAmountException} with the reason. */
    public static long toMinorUnits(BigDecimal amount, Asset asset) {
        return parse(amount, asset, false);
    }

    /**
     * Parses a decimal amount of 0 or more: a game round's stake or win, where 0 is a free round or
     * a lost round (issue 11). Nothing else moves 0: deposits, withdrawals and adjustments use
     * {@link #toMinorUnits}.
     */
    public static long toMinorUnitsOrZero(BigDecimal amount, Asset asset) {
        return parse(amount, asset, true);
    }

    private static long parse(BigDecimal amount, Asset asset, boolean zeroAllowed) {
        if (amount == null) {
            throw new InvalidAmountException("amount is required");
        }
        if (amount.signum() < 0 || (amount.signum() == 0 && !zeroAllowed)) {
            throw new InvalidAmountException(zeroAllowed ? "amount must be zero or more" : "amount must be greater than zero");
        }
        BigDecimal stripped = amount.stripTrailingZeros();
        if (stripped.scale() > asset.scale()) {
            throw new InvalidAmountException(
                    "amount " + amount.toPlainString() + " has more than " + asset.scale() + " decimals for " + asset.code());
        }
        BigDecimal minor = stripped.movePointRight(asset.scale());
        if (minor.compareTo(BigDecimal.valueOf(AMOUNT_MINOR_MAX)) > 0) {
            throw new InvalidAmountException("amount " + amount.toPlainString() + " is over the limit for one command");
        }
        return minor.longValueExact();
    }

    /** Formats minor units as a decimal string in the asset's scale: 8950 USD is "89.50". */
    /** A sum of many amounts (a system account), which may pass what a {@code long} holds. */
    public static String toDecimalString(BigInteger minorUnits, Asset asset) {
        return new BigDecimal(minorUnits, asset.scale()).toPlainString();
    }

    public static String toDecimalString(long minorUnits, Asset asset) {
        return BigDecimal.valueOf(minorUnits, asset.scale()).setScale(asset.scale(), RoundingMode.UNNECESSARY).toPlainString();
    }

    /** A refused amount: zero, negative, too many decimals or too large. */
    public static final class InvalidAmountException extends IllegalArgumentException {
        public InvalidAmountException(String message) {
            super(message);
        }
    }
}
