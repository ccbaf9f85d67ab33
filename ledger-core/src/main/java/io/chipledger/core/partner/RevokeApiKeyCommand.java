package io.chipledger.core.partner;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RevokeApiKeyCommand(@TargetAggregateIdentifier String partnerId, String keyId) {
}
