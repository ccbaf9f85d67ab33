package io.chipledger.api.admin;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The body of an admin key's issue (snake_case on the wire).
 *
 * @param name      who holds the key: 1-100 letters, digits, spaces and {@code .,'@_-}
 * @param roles     1-6 of {@code super, ops, support, marketing, auditor, aml}
 * @param expiresAt optional ISO-8601 instant; absent, null or empty: the key never expires
 */
record AdminKeyRequest(@Schema(requiredMode = REQUIRED, maxLength = AdminKeyController.NAME_LENGTH_MAX, example = "Jane, support")
                       String name,
                       @Schema(requiredMode = REQUIRED, example = "[\"support\"]") List<String> roles,
                       @Schema(example = "2027-06-30T00:00:00Z") String expiresAt) {
}
