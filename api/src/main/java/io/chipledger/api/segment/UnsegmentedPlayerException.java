package io.chipledger.api.segment;

/** The segment processor has seen no event of this player of the partner (yet): 404 {@code unknown-player}. */
public class UnsegmentedPlayerException extends RuntimeException {

    UnsegmentedPlayerException(String playerId) {
        super("no event of player " + playerId + " has been segmented");
    }
}
