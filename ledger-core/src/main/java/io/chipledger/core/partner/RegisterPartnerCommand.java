package io.chipledger.core.partner;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Register an operator, aggregator or affiliate. The commission rate is in basis points (500 is
 * 5%). A settlement policy other than {@link SettlementPolicy#SINGLE_WIN} is recorded as a
 * {@link SettlementPolicyChangedEvent} right after the registration, in the same commit.
 */
public record RegisterPartnerCommand(
        @TargetAggregateIdentifier String partnerId,
        String name,
        PartnerType type,
        int commissionRateBasisPoints,
        String contactEmail,
        SettlementPolicy settlementPolicy) {
}
