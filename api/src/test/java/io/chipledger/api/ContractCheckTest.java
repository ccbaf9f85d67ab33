package io.chipledger.api;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The contract check fails on drift: an answer whose field was renamed or whose text became a
 * number, a status or a problem type its operation does not list, a request with an unknown field.
 */
class ContractCheckTest extends LedgerApiTest {

    @LocalServerPort
    private int port;

    private static final String ANSWER = "{\"transaction_id\":\"t-1\",\"player_id\":\"alice\",\"currency\":\"USD\",\"balance\":\"1.00\","
            + "\"balances\":{\"USD\":{\"available\":\"1.00\",\"reserved\":\"0.00\"}},\"position\":4,\"processed_at\":\"2026-11-30T00:00:00Z\"}";

    @Test
    void aRenamedFieldInAnAnswerIsDrift() {
        String base = "http://127.0.0.1:" + port;
        String request = "{\"amount\":\"1.00\",\"currency\":\"USD\",\"transaction_id_partner\":\"d-1\"}";
        assertThatCode(() -> ContractCheck.check(base, "POST", "/api/v1/wallets/alice/deposits", request, Map.of(), 200,
                "application/json", ANSWER)).doesNotThrowAnyException();
        assertThatThrownBy(() -> ContractCheck.check(base, "POST", "/api/v1/wallets/alice/deposits", request, Map.of(), 200,
                "application/json", ANSWER.replace("player_id", "playerId"))).isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> ContractCheck.check(base, "POST", "/api/v1/wallets/alice/deposits",
                request.replace("transaction_id_partner", "transactionIdPartner"), Map.of(), 200, "application/json", ANSWER))
                .isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> ContractCheck.check(base, "POST", "/api/v1/wallets/alice/deposits", request, Map.of(), 200,
                "application/json", ANSWER.replace("\"balance\":\"1.00\"", "\"balance\":1.00"))).as("a decimal written as a number")
                .isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> ContractCheck.check(base, "POST", "/api/v1/wallets/alice/deposits",
                request.replace("}", ",\"note\":\"x\"}"), Map.of(), 200, "application/json", ANSWER)).as("an unknown request field")
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void aProblemItsOperationDoesNotListIsDrift() {
        String base = "http://127.0.0.1:" + port;
        String problem = "{\"type\":\"https://chipledger.dev/problems/%s\",\"title\":\"t\",\"status\":%d}";
        assertThatCode(() -> ContractCheck.check(base, "GET", "/api/v1/wallets/alice", null, Map.of(), 404,
                "application/problem+json", problem.formatted("unknown-wallet", 404))).doesNotThrowAnyException();
        assertThatThrownBy(() -> ContractCheck.check(base, "GET", "/api/v1/wallets/alice", null, Map.of(), 404,
                "application/problem+json", problem.formatted("unknown-partner", 404))).isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> ContractCheck.check(base, "GET", "/api/v1/wallets/alice", null, Map.of(), 422,
                "application/problem+json", problem.formatted("insufficient-funds", 422))).isInstanceOf(AssertionError.class);
    }
}
