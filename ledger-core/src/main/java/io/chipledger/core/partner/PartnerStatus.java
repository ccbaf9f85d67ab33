package io.chipledger.core.partner;

public enum PartnerStatus {
    ACTIVE,
    /** Every key of the partner is refused until it is reactivated. */
    SUSPENDED
}
