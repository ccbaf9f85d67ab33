package io.chipledger.api.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chipledger.api.LedgerApiTest;
import io.chipledger.api.LedgerClient.Reply;
import io.chipledger.core.audit.EventHashChain;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An aggregate's events as the store holds them, with who caused each and its hash chain, for auditors only (issue 13). */
class AuditHistoryTest extends LedgerApiTest {

    @Test
    void aWalletsHistoryIsEveryStoredEventInOrderWithItsOriginAndChain() {
        String[] partner = client.newPartner();
        String[] auditor = client.newAdminKey("Ann Auditor", "auditor");
        client.post(partner[1], "/api/v1/wallets/ava/deposits", "{\"amount\":\"50.00\",\"currency\":\"USD\",\"transaction_id_partner\":\"dep-1\"}");
        client.bet(partner[1], "ava", "5.00", "USD", "bet-1");
        client.post(partner[1], "/api/v1/wallets/ava/rollbacks", "{\"transaction_id_partner\":\"rb-1\",\"rolled_back_transaction_id_partner\":\"bet-1\"}");

        Reply history = audit(auditor[1], "/audit/v1/wallets/" + partner[0] + "/ava/events");

        assertThat(history.status()).as(history.raw()).isEqualTo(200);
        JsonNode events = history.body().path("events");
        assertThat(texts(events, "event_type"))
                .containsExactly("wallet.WalletOpenedEvent", "wallet.FundsDepositedEvent", "wallet.BetPlacedEvent", "wallet.BetRolledBackEvent");
        assertThat(longs(events, "sequence")).containsExactly(0L, 1L, 2L, 3L);
        assertThat(longs(events, "global_position")).isSorted();
        assertThat(events.get(1).path("idempotency_key").asText()).isEqualTo("dep-1");
        assertThat(events.get(1).path("actor").asText()).isEqualTo("api-key:" + partner[2]);
        assertThat(events.get(1).path("payload").path("amount_minor").asLong()).isEqualTo(5000);
        assertThat(events.get(3).path("idempotency_key").asText()).isEqualTo("rb-1");
        assertThat(events.get(0).path("previous_hash").asText()).isEqualTo(EventHashChain.GENESIS);
        for (int i = 1; i < events.size(); i++) {
            assertThat(events.get(i).path("previous_hash").asText()).isEqualTo(events.get(i - 1).path("event_hash").asText());
        }
        assertThat(history.body().has("next_cursor")).as("one page holds it all").isFalse();
    }

    @Test
    void pagesFollowOneAnotherAndCarryTheChainAcrossTheirEdge() {
        String[] partner = client.newPartner();
        for (int i = 0; i < 3; i++) {
            client.deposit(partner[1], "bo", "1.00", "USD");
        }
        String path = "/audit/v1/wallets/" + partner[0] + "/bo/events";
        String auditor = client.newAdminKey("Bo Auditor", "auditor")[1];

        Reply first = audit(auditor, path + "?limit=2");
        Reply second = audit(auditor, path + "?limit=2&after=" + first.body().path("next_cursor").asLong());

        assertThat(longs(first.body().path("events"), "sequence")).containsExactly(0L, 1L);
        assertThat(first.body().path("next_cursor").asLong()).isEqualTo(1);
        assertThat(longs(second.body().path("events"), "sequence")).containsExactly(2L, 3L);
        assertThat(second.body().path("events").get(0).path("previous_hash").asText())
                .isEqualTo(first.body().path("events").get(1).path("event_hash").asText());
    }

    @Test
    void anyAggregatesHistoryIsThereTooAndUnknownsAreProblems() {
        String[] partner = client.newPartner();
        String auditor = client.newAdminKey("Cy Auditor", "auditor")[1];

        Reply partnerHistory = audit(auditor, "/audit/v1/aggregates/" + partner[0] + "/events");
        Reply unknownAggregate = audit(auditor, "/audit/v1/aggregates/p_0000000000000000/events");
        Reply unknownWallet = audit(auditor, "/audit/v1/wallets/" + partner[0] + "/nobody/events");
        Reply badLimit = audit(auditor, "/audit/v1/aggregates/" + partner[0] + "/events?limit=501");
        Reply badAfter = audit(auditor, "/audit/v1/aggregates/" + partner[0] + "/events?after=-2");

        assertThat(partnerHistory.body().path("events").get(0).path("event_type").asText()).isEqualTo("partner.PartnerRegisteredEvent");
        assertThat(unknownAggregate.status()).isEqualTo(404);
        assertThat(unknownAggregate.text("type")).endsWith("/unknown-aggregate");
        assertThat(unknownWallet.status()).isEqualTo(404);
        assertThat(unknownWallet.text("type")).endsWith("/unknown-wallet");
        assertThat(badLimit.status()).isEqualTo(400);
        assertThat(badAfter.status()).isEqualTo(400);
    }

    @Test
    void onlyAuditorsAndSuperReadTheHistory() {
        String[] partner = client.newPartner();
        client.deposit(partner[1], "dee", "1.00", "USD");
        String path = "/audit/v1/wallets/" + partner[0] + "/dee/events";

        assertThat(audit(client.newAdminKey("Ops", "ops")[1], path).status()).isEqualTo(403);
        assertThat(audit(client.newAdminKey("Support", "support")[1], path).status()).isEqualTo(403);
        assertThat(client.send("GET", path, null, "X-API-Key", partner[1]).status()).isEqualTo(403);
        assertThat(client.send("GET", path, null).status()).isEqualTo(401);
        assertThat(audit(client.newAdminKey("Super", "super")[1], path).status()).isEqualTo(200);
    }

    private Reply audit(String adminKey, String path) {
        return client.send("GET", path, null, "X-Admin-Key", adminKey);
    }

    private static List<String> texts(JsonNode events, String field) {
        List<String> values = new ArrayList<>();
        events.forEach(event -> values.add(event.path(field).asText()));
        return values;
    }

    private static List<Long> longs(JsonNode events, String field) {
        List<Long> values = new ArrayList<>();
        events.forEach(event -> values.add(event.path(field).asLong()));
        return values;
    }
}
