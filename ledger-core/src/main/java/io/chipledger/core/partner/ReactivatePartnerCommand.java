package io.chipledger.core.partner;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ReactivatePartnerCommand(@TargetAggregateIdentifier String partnerId, String reason) {
}
