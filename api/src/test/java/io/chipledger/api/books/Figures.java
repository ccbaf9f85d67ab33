package io.chipledger.api.books;

import io.chipledger.core.wallet.Game;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A figure is a map from a readable key ("player-3 USD") to a readable value
 * ("available=1200 reserved=0"), read by one SQL query: the event store and a read model give
 * the same figure two ways, they compare with {@code equals}, and a difference reads as itself.
 */
final class Figures {

    /** The activity columns of {@code player_activity}, as one value; a query counting events names its columns the same. */
    static final String ACTIVITY = "'activities=' || activities || "
            + Arrays.stream(Game.values()).map(game -> "' " + column(game) + "=' || " + column(game)).collect(Collectors.joining(" || "));

    private Figures() {
    }

    /** Runs a query of (key, value) rows, showing a key that starts with {@code walletPrefix} by its player alone. */
    static Map<String, String> query(JdbcTemplate jdbc, String walletPrefix, String sql, Object... parameters) {
        return jdbc.query(sql, (row, index) -> Map.entry(readable(row.getString(1), walletPrefix), row.getString(2)), parameters)
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (first, second) -> {
                    throw new IllegalStateException("two rows under one key (" + first + ", " + second + ") in: " + sql);
                }, TreeMap::new));
    }

    /** The columns of {@link #ACTIVITY} that count plays, from an expression naming each row's game. */
    static String playsPerGame(String gameExpression) {
        return Arrays.stream(Game.values())
                .map(game -> "count(*) FILTER (WHERE " + gameExpression + " = '" + game.name() + "') AS " + column(game))
                .collect(Collectors.joining(", "));
    }

    /** Each key whose values differ, with both: empty when the figures agree. */
    static List<String> differences(Map<String, String> expected, Map<String, String> actual) {
        List<String> differences = new ArrayList<>();
        TreeSet<String> keys = new TreeSet<>(expected.keySet());
        keys.addAll(actual.keySet());
        for (String key : keys) {
            if (!Objects.equals(expected.get(key), actual.get(key))) {
                differences.add(key + ": events imply " + expected.getOrDefault(key, "nothing") + ", read model has "
                        + actual.getOrDefault(key, "nothing"));
            }
        }
        return differences;
    }

    private static String column(Game game) {
        return game.name().toLowerCase(Locale.ROOT) + "_plays";
    }

    private static String readable(String key, String walletPrefix) {
        return key.startsWith(walletPrefix) ? key.substring(walletPrefix.length()) : key;
    }
}
