package io.chipledger.api.wallet;

import java.util.List;
import java.util.function.Function;

/**
 * Keyset paging of a listing: the read asks for one row more than the page holds, so whether
 * another page follows is known without counting; the cursor is the last shown row's key.
 */
public final class Pages {

    private Pages() {
    }

    /** One page and the cursor of the next, null when this is the last. */
    public record Page<T>(List<T> rows, String nextCursor) {
    }

    /** {@code fetched} holds at most {@code pageSize + 1} rows, read in key order after the previous cursor. */
    public static <T> Page<T> of(List<T> fetched, int pageSize, Function<T, String> keyOf) {
        if (fetched.size() <= pageSize) {
            return new Page<>(fetched, null);
        }
        List<T> shown = fetched.subList(0, pageSize);
        return new Page<>(shown, keyOf.apply(shown.get(pageSize - 1)));
    }
}
