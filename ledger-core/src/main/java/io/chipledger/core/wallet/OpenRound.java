package io.chipledger.core.wallet;

import java.time.Instant;

/**
 * A game round of the wallet that has not closed: a wallet's (game, round) with the asset of its
 * bets, how many of its bets are open (neither settled nor rolled back) and how many were not
 * rolled back (open or settled: the bets a win may still pay for), and when anything last
 * happened in it (the round timeout counts from there).
 */
public record OpenRound(String gameId, String roundId, String asset, int openBets, int liveBets, Instant lastActivityAt) {

    /** The key of a round in the wallet's maps: game and round ids never contain a slash. */
    public static String key(String gameId, String roundId) {
        return gameId + "/" + roundId;
    }

    OpenRound withBetPlaced(Instant at) {
        return new OpenRound(gameId, roundId, asset, openBets + 1, liveBets + 1, at);
    }

    OpenRound withBetSettled(Instant at) {
        return new OpenRound(gameId, roundId, asset, openBets - 1, liveBets, at);
    }

    OpenRound withBetRolledBack(Instant at) {
        return new OpenRound(gameId, roundId, asset, openBets - 1, liveBets - 1, at);
    }

    OpenRound touched(Instant at) {
        return new OpenRound(gameId, roundId, asset, openBets, liveBets, at);
    }
}
