package io.chipledger.core.wallet;

/** The free-to-play mini-games whose rounds are paid with game tokens. */
public enum Game {
    ROULETTE,
    DICE,
    LOTTERY,
    SLOT,
    GACHA,
    CRASH
}
