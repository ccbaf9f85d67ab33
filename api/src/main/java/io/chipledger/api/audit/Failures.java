package io.chipledger.api.audit;

import io.chipledger.api.audit.StoreVerification.Failure;
import java.util.ArrayList;
import java.util.List;

/** The failures a verification found: all counted, the first {@link StoreVerification#FAILURES_KEPT} kept. */
final class Failures {

    private final List<Failure> kept = new ArrayList<>();
    private long count;

    void add(String aggregateId, long sequence, long position, String check, String expected, String found) {
        count++;
        if (kept.size() < StoreVerification.FAILURES_KEPT) {
            kept.add(new Failure(aggregateId, sequence, position, check, expected, found));
        }
    }

    long count() {
        return count;
    }

    List<Failure> kept() {
        return List.copyOf(kept);
    }
}
