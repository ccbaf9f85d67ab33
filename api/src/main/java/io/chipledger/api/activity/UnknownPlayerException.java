package io.chipledger.api.activity;

/** Activity asked for a player of whom nothing was ever recorded. */
public class UnknownPlayerException extends RuntimeException {

    UnknownPlayerException(String playerId) {
        super("no activity of player " + playerId + " is recorded");
    }
}
