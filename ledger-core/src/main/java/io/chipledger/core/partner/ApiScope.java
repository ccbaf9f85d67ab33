package io.chipledger.core.partner;

import java.util.Arrays;
import java.util.Optional;

/** What a partner API key may do. The wire name ({@code wallet:write}) is what partners see. */
public enum ApiScope {
    WALLET_READ("wallet:read"),
    WALLET_WRITE("wallet:write"),
    REPORTS_READ("reports:read");

    private final String wireName;

    ApiScope(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<ApiScope> fromWireName(String wireName) {
        return Arrays.stream(values()).filter(scope -> scope.wireName.equals(wireName)).findFirst();
    }
}
