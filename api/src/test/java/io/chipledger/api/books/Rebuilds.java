package io.chipledger.api.books;

import com.fasterxml.jackson.databind.JsonNode;
import io.chipledger.api.LedgerClient;
import io.chipledger.api.LedgerClient.Reply;
import java.time.Duration;
import java.util.List;

/** Rebuilds the rebuildable projections through the admin API and waits until each has replayed the whole store. */
final class Rebuilds {

    static final List<String> REBUILDABLE = List.of("wallet-balances", "wallet-transactions", "play-log", "purchase-history",
            "player-activity");
    private static final Duration REBUILD_WAIT_MAX = Duration.ofSeconds(120);

    private Rebuilds() {
    }

    static void rebuildEveryProjection(LedgerClient client) throws InterruptedException {
        for (String projection : REBUILDABLE) {
            Reply started = client.admin("POST", "/admin/v1/projections/" + projection + "/rebuild", null);
            if (started.status() != 202) {
                throw new AssertionError("rebuild of " + projection + " refused: " + started.raw());
            }
        }
        long deadline = System.nanoTime() + REBUILD_WAIT_MAX.toNanos();
        while (!rebuilt(client)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the projections were not rebuilt within " + REBUILD_WAIT_MAX);
            }
            Thread.sleep(100);
        }
    }

    private static boolean rebuilt(LedgerClient client) {
        for (JsonNode projection : client.admin("GET", "/admin/v1/projections", null).body()) {
            if (REBUILDABLE.contains(projection.path("name").asText())
                    && (projection.path("replaying").asBoolean() || projection.path("lag_events").asLong() > 0)) {
                return false;
            }
        }
        return true;
    }
}
