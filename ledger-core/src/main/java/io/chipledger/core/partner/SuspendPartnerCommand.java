package io.chipledger.core.partner;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record SuspendPartnerCommand(@TargetAggregateIdentifier String partnerId, String reason) {
}
