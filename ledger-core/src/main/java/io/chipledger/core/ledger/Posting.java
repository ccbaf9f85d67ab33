package io.chipledger.core.ledger;

/**
 * One line of a money event's two-sided bookkeeping. A positive amount raises the account's balance, a
 * negative one lowers it. The postings of one event sum to zero per asset.
 *
 * <p>Account names: {@code player:available}, {@code player:reserved} for the wallet the event
 * belongs to, and {@code system:house}, {@code system:cashier}... for the partner's system accounts.
 */
public record Posting(String account, String asset, long amountMinor) {

    public static final String PLAYER_AVAILABLE = "player:available";
    public static final String PLAYER_RESERVED = "player:reserved";

    public Posting {
        if (account == null || account.isBlank()) {
            throw new IllegalArgumentException("posting account is required");
        }
        if (asset == null || asset.isBlank()) {
            throw new IllegalArgumentException("posting asset is required");
        }
        if (amountMinor == 0) {
            throw new IllegalArgumentException("a posting of zero moves nothing");
        }
    }

    public boolean isPlayerAccount() {
        return account.startsWith("player:");
    }
}
