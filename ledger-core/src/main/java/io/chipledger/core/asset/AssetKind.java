package io.chipledger.core.asset;

/** What an asset is: a currency of real money, or a game token of a free-to-play platform. */
public enum AssetKind {
    FIAT,
    TOKEN
}
