package io.chipledger.core.partner;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replace a partner's profile. */
public record UpdatePartnerCommand(
        @TargetAggregateIdentifier String partnerId,
        String name,
        int commissionRateBasisPoints,
        String contactEmail) {
}
