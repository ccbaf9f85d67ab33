package io.chipledger.api.projection;

import com.fasterxml.jackson.databind.JsonNode;
import io.chipledger.api.LedgerClient;
import io.chipledger.api.LedgerClient.Reply;
import java.time.Duration;

/** The rebuild tests' shared steps: start a rebuild through the admin API, and wait for every projection to catch up. */
public final class Rebuilding {

    static final Duration CATCH_UP_WAIT_MAX = Duration.ofSeconds(90);

    private Rebuilding() {
    }

    /** Starts the rebuild; fails unless it was accepted (202). */
    public static void rebuild(LedgerClient client, String projection) {
        Reply started = client.admin("POST", "/admin/v1/projections/" + projection + "/rebuild", null);
        if (started.status() != 202) {
            throw new AssertionError("rebuild of " + projection + " not accepted: " + started.raw());
        }
    }

    /** Whether the admin status says the projection is replaying. */
    static boolean replaying(LedgerClient client, String projection) {
        for (JsonNode status : client.admin("GET", "/admin/v1/projections", null).body()) {
            if (status.path("name").asText().equals(projection)) {
                return status.path("replaying").asBoolean();
            }
        }
        throw new AssertionError("no status for projection " + projection);
    }

    /** Returns once {@code projection} has replayed and read up to the newest event; fails after {@link #CATCH_UP_WAIT_MAX}. */
    public static void awaitRebuilt(LedgerClient client, String projection) throws InterruptedException {
        long deadline = System.nanoTime() + CATCH_UP_WAIT_MAX.toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode status : client.admin("GET", "/admin/v1/projections", null).body()) {
                if (status.path("name").asText().equals(projection) && !status.path("replaying").asBoolean()
                        && status.path("lag_events").asLong() == 0) {
                    return;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError(projection + " did not replay and catch up within " + CATCH_UP_WAIT_MAX);
    }

    /** Returns once every projection has replayed and read up to the newest event. */
    static void awaitCaughtUp(LedgerClient client) throws InterruptedException {
        long deadline = System.nanoTime() + CATCH_UP_WAIT_MAX.toNanos();
        while (System.nanoTime() < deadline) {
            boolean caughtUp = true;
            for (JsonNode projection : client.admin("GET", "/admin/v1/projections", null).body()) {
                caughtUp &= projection.path("lag_events").asLong() == 0 && !projection.path("replaying").asBoolean();
            }
            if (caughtUp) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("projections did not catch up within " + CATCH_UP_WAIT_MAX);
    }
}
