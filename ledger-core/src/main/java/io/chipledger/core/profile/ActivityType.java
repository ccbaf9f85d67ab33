package io.chipledger.core.profile;

import io.chipledger.core.wallet.Game;
import java.util.Arrays;

/** What a player did. A play type names its game; the wallet reports its plays and deposits as these too. */
public enum ActivityType {
    LOGIN(null),
    ROULETTE_PLAY(Game.ROULETTE),
    DICE_PLAY(Game.DICE),
    LOTTERY_PLAY(Game.LOTTERY),
    SLOT_PLAY(Game.SLOT),
    GACHA_PLAY(Game.GACHA),
    CRASH_PLAY(Game.CRASH),
    BONUS_USED(null),
    /** {@code value} is the seconds played. */
    PLAY_DURATION(null),
    /** A deposit. */
    CHARGE(null);

    private final Game game;

    ActivityType(Game game) {
        this.game = game;
    }

    /** The game a play type counts for, or null for the others. */
    public Game game() {
        return game;
    }

    public static ActivityType playOf(Game game) {
        return Arrays.stream(values()).filter(type -> type.game == game).findFirst()
                .orElseThrow(() -> new IllegalStateException("every game has a play activity: " + game));
    }
}
