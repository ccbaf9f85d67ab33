package io.chipledger.core.admin;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Revoke an admin key: it is refused from the next request on. */
public record RevokeAdminKeyCommand(@TargetAggregateIdentifier String keyId) {
}
