package io.chipledger.api.wallet;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;

/** The JSON bodies of the wallet API (snake_case on the wire). Amounts are exact decimals. */
final class WalletRequests {

    private WalletRequests() {
    }

    record DepositRequest(BigDecimal amount, String currency, String transactionIdPartner) {
    }

    record WithdrawalRequest(BigDecimal amount, String currency, String transactionIdPartner, String mode) {
    }

    record WithdrawalDecisionRequest(String transactionIdPartner) {
    }

    record BetRequest(BigDecimal amount, String currency, String gameId, String roundId, String transactionIdPartner) {
    }

    /**
     * {@code roundClosed}: the provider says the round is over (no more wins will come); absent is
     * false. Left out of the request's hash when absent, so a win sent before the field existed
     * still replays under its key.
     */
    record WinRequest(BigDecimal amount, String currency, String gameId, String roundId, String transactionIdPartner,
                      String betTransactionIdPartner, @JsonInclude(JsonInclude.Include.NON_NULL) Boolean roundClosed) {
    }

    record RollbackRequest(String transactionIdPartner, String rolledBackTransactionIdPartner) {
    }

    record AdjustmentRequest(BigDecimal amount, String currency, String reason, String transactionIdPartner) {
    }

    record FreezeRequest(String reason) {
    }
}
