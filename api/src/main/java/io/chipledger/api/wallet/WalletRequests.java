package io.chipledger.api.wallet;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;

/**
 * The JSON bodies of the wallet API (snake_case on the wire). Amounts are exact decimals. What
 * the OpenAPI document says of each field (required, an example) is on the field, so the contract
 * test holds the two together. {@code transaction_id_partner} is not required: the
 * {@code Idempotency-Key} header may carry the key instead (one of the two is).
 */
final class WalletRequests {

    private WalletRequests() {
    }

    record DepositRequest(@Schema(requiredMode = REQUIRED, example = "100.00") BigDecimal amount,
                          @Schema(requiredMode = REQUIRED, example = "USD") String currency,
                          @Schema(example = "dep-1") String transactionIdPartner) {
    }

    record WithdrawalRequest(@Schema(requiredMode = REQUIRED, example = "20.00") BigDecimal amount,
                             @Schema(requiredMode = REQUIRED, example = "USD") String currency,
                             @Schema(example = "wd-1") String transactionIdPartner,
                             @Schema(allowableValues = {"immediate", "two_phase"}, example = "two_phase") String mode) {
    }

    record WithdrawalDecisionRequest(@Schema(example = "wd-1-ok") String transactionIdPartner) {
    }

    record BetRequest(@Schema(requiredMode = REQUIRED, example = "10.50") BigDecimal amount,
                      @Schema(requiredMode = REQUIRED, example = "USD") String currency,
                      @Schema(requiredMode = REQUIRED, example = "slots") String gameId,
                      @Schema(requiredMode = REQUIRED, example = "r-1") String roundId,
                      @Schema(example = "bet-1") String transactionIdPartner) {
    }

    /**
     * {@code roundClosed}: the provider says the round is over (no more wins will come); absent is
     * false. Left out of the request's hash when absent, so a win sent before the field existed
     * still replays under its key.
     */
    record WinRequest(@Schema(requiredMode = REQUIRED, example = "25.00") BigDecimal amount,
                      @Schema(requiredMode = REQUIRED, example = "USD") String currency,
                      @Schema(requiredMode = REQUIRED, example = "slots") String gameId,
                      @Schema(requiredMode = REQUIRED, example = "r-1") String roundId,
                      @Schema(example = "win-1") String transactionIdPartner,
                      @Schema(example = "bet-1") String betTransactionIdPartner,
                      @Schema(example = "false") @JsonInclude(JsonInclude.Include.NON_NULL) Boolean roundClosed) {
    }

    record RollbackRequest(@Schema(example = "rb-1") String transactionIdPartner,
                           @Schema(requiredMode = REQUIRED, example = "bet-2") String rolledBackTransactionIdPartner) {
    }

    record AdjustmentRequest(@Schema(requiredMode = REQUIRED, example = "-5.00") BigDecimal amount,
                             @Schema(requiredMode = REQUIRED, example = "USD") String currency,
                             @Schema(requiredMode = REQUIRED, example = "chargeback") String reason,
                             @Schema(example = "adj-1") String transactionIdPartner) {
    }

    record FreezeRequest(@Schema(requiredMode = REQUIRED, example = "aml review") String reason) {
    }
}
