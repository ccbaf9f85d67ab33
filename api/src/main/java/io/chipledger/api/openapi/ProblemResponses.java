package io.chipledger.api.openapi;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.responses.ApiResponses;

/**
 * The problem responses (RFC 7807, {@code application/problem+json}) an operation can give, with
 * the problem {@code type} values of each status; the whole table, with when each is answered, is
 * docs/api-guide.md's. One place, so no controller carries response annotations.
 */
final class ProblemResponses {

    private ProblemResponses() {
    }

    static void addTo(Operation operation, boolean needsKey) {
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        responses.addApiResponse("400", OpenApiConfiguration.problem("Bad input, nothing stored: `invalid-amount`, "
                + "`unknown-currency`, `invalid-request`, `malformed-request`, `ambiguous-key`, `rejected-request`"));
        if (needsKey) {
            responses.addApiResponse("401", OpenApiConfiguration.problem("No usable key: `key-required`, `invalid-api-key`, "
                    + "`invalid-admin-key`"));
            responses.addApiResponse("403", OpenApiConfiguration.problem("The key may not call this: `missing-scope`, "
                    + "`missing-role`, `admin-only`, `partner-only`"));
        }
        responses.addApiResponse("404", OpenApiConfiguration.problem("Something the request names does not exist: "
                + "`unknown-wallet`, `unknown-withdrawal`, `unknown-bet`, `unknown-round`, `unknown-partner`, `unknown-player`, "
                + "`unknown-admin-key`, `unknown-api-key`, `unknown-job`, `unknown-projection`"));
        responses.addApiResponse("409", OpenApiConfiguration.problem("Refused by the ledger's state, nothing stored: "
                + "`idempotency-key-reused`, `bet-already-settled`, `bet-already-rolled-back`, `duplicate-transaction`, "
                + "`round-closed`, `round-has-no-live-bet`, `rollback-target-not-a-bet`, `withdrawal-already-decided`, "
                + "`status-conflict`, `partner-suspended`, `receipt-key-missing`, `rebuild-refused`"));
        responses.addApiResponse("413", OpenApiConfiguration.problem("`request-too-large`: a body over 16 KiB"));
        responses.addApiResponse("422", OpenApiConfiguration.problem("A business limit: `insufficient-funds` (with `asset` and "
                + "`available_minor`), `open-bets-limit`, `open-rounds-limit`, `pending-withdrawals-limit`, `balance-limit`, "
                + "`api-keys-limit`, `round-asset-mismatch`, `bet-round-mismatch`"));
        responses.addApiResponse("423", OpenApiConfiguration.problem("`wallet-frozen`: a debit on a frozen wallet"));
        responses.addApiResponse("500", OpenApiConfiguration.problem("`internal-error`: the service failed; the command's "
                + "transaction was rolled back, the cause is in the service's log"));
        responses.addApiResponse("503", OpenApiConfiguration.problem("Retry later with the same key: `ledger-busy`, "
                + "`projection-lagging`, `consistent-reads-busy`, `projection-parked`"));
        operation.setResponses(responses);
    }
}
