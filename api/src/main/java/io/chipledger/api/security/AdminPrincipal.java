package io.chipledger.api.security;

import io.chipledger.core.admin.AdminRole;
import java.util.Set;

/**
 * The staff member behind an accepted admin key. Controllers take it as
 * {@code @AuthenticationPrincipal AdminPrincipal admin} to record who acted.
 *
 * @param keyId the admin key's id, or {@link #BOOTSTRAP_KEY_ID} for the configured CHIPLEDGER_ADMIN_KEY
 * @param name  the person or system the key was issued to
 */
public record AdminPrincipal(String keyId, String name, Set<AdminRole> roles) {

    /** The key id of the configured bootstrap key, which holds the role {@code super}. */
    public static final String BOOTSTRAP_KEY_ID = "bootstrap";

    /** Who acted, as recorded in the events' metadata: {@code admin-key:<key id>}. */
    public String actor() {
        return "admin-key:" + keyId;
    }
}
