package io.chipledger.api.console;

import java.util.List;

/**
 * One page of a list the console holds whole (a search over a bounded read): page numbers from 0,
 * any number a browser sends clamped to the pages there are, never an overflow or an empty page
 * past the end.
 *
 * @param rows    the page's rows
 * @param page    the page shown (0-based)
 * @param total   rows in the whole list
 * @param hasNext whether a page follows
 */
public record ConsolePaging<T>(List<T> rows, int page, int total, boolean hasNext) {

    /** Rows per page on every console list. */
    public static final int PAGE_SIZE = 25;

    public static <T> ConsolePaging<T> of(List<T> all, long requestedPage) {
        int lastPage = all.isEmpty() ? 0 : (all.size() - 1) / PAGE_SIZE;
        int page = (int) Math.max(0, Math.min(requestedPage, lastPage));
        int from = page * PAGE_SIZE;
        int to = Math.min(from + PAGE_SIZE, all.size());
        return new ConsolePaging<>(all.subList(from, to), page, all.size(), to < all.size());
    }
}
