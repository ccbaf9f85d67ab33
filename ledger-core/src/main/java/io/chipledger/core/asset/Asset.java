package io.chipledger.core.asset;

import java.util.regex.Pattern;

/**
 * An asset a wallet can hold: a currency (USD, KRW) or a game token (ROULETTE_COIN).
 * Amounts of it are kept as a {@code long} count of minor units; {@code scale} says how many
 * decimal places one unit has at the API (USD 2, KRW 0, tokens 0).
 */
public record Asset(String code, AssetKind kind, int scale) {

    public static final int SCALE_MAX = 8;
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{1,31}");

    public Asset {
        if (code == null || !CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("asset code must match " + CODE + ": " + code);
        }
        if (kind == null) {
            throw new IllegalArgumentException("asset kind is required for " + code);
        }
        if (scale < 0 || scale > SCALE_MAX) {
            throw new IllegalArgumentException("asset scale must be 0.." + SCALE_MAX + " for " + code);
        }
    }
}
