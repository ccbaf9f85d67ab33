package io.chipledger.api.wallet;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import io.chipledger.api.wallet.WalletResponses.MoneyResponse;
import java.util.List;
import org.springframework.http.ProblemDetail;

/** The answers of {@code POST /api/v1/batches}; see {@link BatchController}. */
final class BatchResponses {

    private BatchResponses() {
    }

    /**
     * A batch's answer: one result per command, in the order sent. {@code succeeded} counts the
     * commands applied now or before (replays), {@code refused} those that stored nothing, and
     * {@code pending} those not answered in time (503 {@code ledger-busy}): they may still
     * complete, and the batch sent again tells.
     */
    record BatchResponse(int commands, int succeeded, int refused, int pending, List<BatchResult> results) {
    }

    /**
     * What became of one command: {@code status} is what its own endpoint would have answered
     * (200, or the problem's status); {@code transaction} is that endpoint's answer, and
     * {@code replayed} says it was stored by an earlier request under the same key; or
     * {@code problem} says why nothing of it was stored.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record BatchResult(int index, String transactionIdPartner, int status, Boolean replayed, MoneyResponse transaction,
                       @Schema(ref = "#/components/schemas/Problem") ProblemDetail problem) {
    }
}
