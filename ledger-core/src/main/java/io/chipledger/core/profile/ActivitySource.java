package io.chipledger.core.profile;

/** Who told the ledger about an activity: the partner's own report, or the player's wallet (a play or deposit). */
public enum ActivitySource {
    REPORTED,
    WALLET
}
