package io.chipledger.core.admin;

import com.fasterxml.jackson.annotation.JsonTypeName;
import org.axonframework.serialization.Revision;

/** An admin key was revoked. */
@JsonTypeName("admin.AdminKeyRevokedEvent")
@Revision("1")
public record AdminKeyRevokedEvent(String keyId) {
}
