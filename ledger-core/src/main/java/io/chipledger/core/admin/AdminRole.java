package io.chipledger.core.admin;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What an operator's staff member may do through the admin API. A key holds one or more roles;
 * each admin endpoint names the roles it accepts (docs/security.md has the table). {@code SUPER}
 * manages partners and admin keys; it is not a wildcard, so key management and money movement
 * stay with different people.
 */
public enum AdminRole {
    /** Partners, partner keys and admin keys. */
    SUPER,
    /** Day-to-day operations: partners, corrections, freezes, token grants, rebuilds. */
    OPS,
    /** Reads for customer support: partners, wallets, listings. */
    SUPPORT,
    /** Campaigns and segments (later issues). */
    MARKETING,
    /** Read-only history and verification (later issues). */
    AUDITOR,
    /** Anti-money-laundering investigations (later issues). */
    AML;

    /** The name on the wire and in docs: {@code super}, {@code ops}, ... */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<AdminRole> fromWireName(String wireName) {
        return Arrays.stream(values()).filter(role -> role.wireName().equals(wireName)).findFirst();
    }
}
