package io.chipledger.api;

import org.springframework.boot.actuate.health.Status;

/**
 * The health status {@code DEGRADED}: the ledger answers, but something waits for an operator
 * (parked events, parked job items, a projection retrying). Ordered between DOWN and UP and
 * answered with 200 ({@code management.endpoint.health.status} in application.yml), so no probe
 * restarts a node that works.
 */
public final class OperatorAttention {

    public static final Status DEGRADED = new Status("DEGRADED");

    private OperatorAttention() {
    }
}
