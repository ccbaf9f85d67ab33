package io.chipledger.core.partner;

public enum PartnerType {
    OPERATOR,
    AGGREGATOR,
    AFFILIATE
}
