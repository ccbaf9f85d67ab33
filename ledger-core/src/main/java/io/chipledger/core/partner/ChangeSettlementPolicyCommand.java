package io.chipledger.core.partner;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Set how the partner's game providers settle rounds. Sending the policy the partner already has
 * records nothing, so a retried change is harmless.
 */
public record ChangeSettlementPolicyCommand(
        @TargetAggregateIdentifier String partnerId,
        SettlementPolicy policy) {
}
