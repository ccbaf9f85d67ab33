package io.chipledger.core.partner;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Set how many requests each of the partner's keys may make: {@code requestsPerSecond} refilled
 * evenly, with bursts of up to {@code burst}; both null: back to the service's configured default.
 */
public record ChangeRateLimitCommand(
        @TargetAggregateIdentifier String partnerId,
        Integer requestsPerSecond,
        Integer burst) {
}
