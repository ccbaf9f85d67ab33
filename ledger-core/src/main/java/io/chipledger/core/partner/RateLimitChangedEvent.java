package io.chipledger.core.partner;

import com.fasterxml.jackson.annotation.JsonTypeName;
import org.axonframework.serialization.Revision;

/**
 * Each of the partner's keys may make {@code requestsPerSecond} requests a second, in bursts of up
 * to {@code burst}, from now on; both null: the service's configured default (as for a partner
 * with no such event).
 */
@JsonTypeName("partner.RateLimitChangedEvent")
@Revision("1")
public record RateLimitChangedEvent(
        String partnerId,
        Integer requestsPerSecond,
        Integer burst) implements PartnerEvent {
}
