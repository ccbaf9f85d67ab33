package io.chipledger.core.partner;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Set the addresses the partner's keys are accepted from: CIDR blocks in canonical form
 * ({@code 203.0.113.0/24}, {@code 2001:db8::/32}), checked and normalised by the API; an empty
 * list accepts every address.
 */
public record ChangeIpAllowListCommand(
        @TargetAggregateIdentifier String partnerId,
        List<String> cidrs,
        String reason) {
}
