package io.chipledger.analytics.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chipledger.core.asset.Asset;
import io.chipledger.core.asset.AssetKind;
import io.chipledger.core.aml.AmlAlertEvents;
import io.chipledger.core.aml.AmlSeverity;
import io.chipledger.core.ledger.Posting;
import io.chipledger.core.segment.PlayerSegment;
import io.chipledger.core.segment.PlayerSegmentChangedEvent;
import io.chipledger.core.wallet.AssetAmount;
import io.chipledger.core.wallet.Balance;
import io.chipledger.core.wallet.BetPlacedEvent;
import io.chipledger.core.wallet.Game;
import io.chipledger.core.wallet.MoneyMovedEvent;
import io.chipledger.core.wallet.PlayRecordedEvent;
import io.chipledger.core.wallet.WalletId;
import io.chipledger.core.wallet.WalletOpenedEvent;
import io.chipledger.core.wallet.WithdrawalRelease;
import io.chipledger.core.wallet.WithdrawalReleasedEvent;
import io.chipledger.core.wallet.WithdrawalRequestedEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What each stored event becomes on Kafka: the topics, keys, headers and the transaction messages' figures (issue 16). */
class StreamMappingsTest {

    private static final Instant AT = Instant.parse("2026-11-30T10:15:30.123456Z");
    private static final WalletId ALICE = new WalletId("p_1", "alice");
    private static final Map<String, Asset> ASSETS = Map.of("USD", new Asset("USD", AssetKind.FIAT, 2),
            "DICE_TOKEN", new Asset("DICE_TOKEN", AssetKind.TOKEN, 0), "CC_COIN", new Asset("CC_COIN", AssetKind.TOKEN, 0));
    private static final StreamMappings MAPPINGS = new StreamMappings(StreamTopics.DEFAULT, code -> Optional.ofNullable(ASSETS.get(code)),
            () -> 10_000);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aBetIsOneLedgerMessageAndOneTransactionKeyedByItsWallet() throws Exception {
        BetPlacedEvent bet = new BetPlacedEvent(ALICE, "t-1", "bet-1", "USD", 1_050, "slots", "r-1",
                List.of(new Posting(Posting.PLAYER_AVAILABLE, "USD", -1_050), new Posting("system:house", "USD", 1_050)),
                Map.of("USD", new Balance(8_950, 0)));

        List<StreamMessage> messages = MAPPINGS.messages(stored("e-1", "wallet.BetPlacedEvent", bet, "{\"asset\":\"USD\"}"));

        assertThat(messages).extracting(StreamMessage::topic).containsExactly("chipledger.ledger.events", "wallet.transaction.created");
        assertThat(messages).extracting(StreamMessage::key).containsOnly("p_1:alice");
        assertThat(messages.get(0).headers()).containsExactly(Map.entry("event_id", "e-1"), Map.entry("event_type", "wallet.BetPlacedEvent"),
                Map.entry("sequence", "7"), Map.entry("partner_id", "p_1"), Map.entry("correlation_id", "c-1"));
        JsonNode ledger = JSON.readTree(messages.get(0).value());
        assertThat(ledger.toString()).isEqualTo("{\"event_id\":\"e-1\",\"event_type\":\"wallet.BetPlacedEvent\","
                + "\"timestamp\":\"2026-11-30T10:15:30.123456Z\",\"data\":{\"asset\":\"USD\"}}");
        JsonNode transaction = JSON.readTree(messages.get(1).value());
        assertThat(transaction.get("event_id").asText()).isEqualTo("e-1");
        assertThat(transaction.get("event_type").asText()).isEqualTo("transaction.created");
        assertThat(transaction.get("data").toString()).isEqualTo("{\"ledger_event_id\":\"e-1\",\"transaction_id\":\"t-1\","
                + "\"partner_transaction_id\":\"bet-1\",\"partner_id\":\"p_1\",\"player_id\":\"alice\",\"type\":\"BET\",\"status\":\"COMPLETED\","
                + "\"currency\":\"USD\",\"amount\":\"10.50\",\"amount_minor\":1050,\"player_delta_minor\":-1050,\"balance_after\":\"89.50\","
                + "\"refers_to_partner_transaction_id\":null,\"game_id\":\"slots\",\"round_id\":\"r-1\",\"created_at\":\"2026-11-30T10:15:30.123456Z\"}");
    }

    @Test
    void aPlayOfTwoAssetsIsTwoMovementsWithIdsOfTheirOwnThatAResendRepeats() {
        PlayRecordedEvent play = new PlayRecordedEvent(ALICE, "t-2", "play-1", Game.DICE, "dice-7", new AssetAmount("DICE_TOKEN", 2),
                List.of(new AssetAmount("CC_COIN", 50)), Map.of("result", "WIN"), "a-1",
                List.of(new Posting(Posting.PLAYER_AVAILABLE, "DICE_TOKEN", -2), new Posting("system:house", "DICE_TOKEN", 2),
                        new Posting("system:house", "CC_COIN", -50), new Posting(Posting.PLAYER_AVAILABLE, "CC_COIN", 50)),
                Map.of("CC_COIN", new Balance(50, 0), "DICE_TOKEN", new Balance(8, 0)));

        List<TransactionCreated> movements = TransactionCreated.of(play, "e-2", AT, code -> Optional.ofNullable(ASSETS.get(code)));

        assertThat(movements).extracting(m -> m.type() + " " + m.currency() + " " + m.amount() + " " + m.playerDeltaMinor() + " " + m.balanceAfter())
                .containsExactly("PLAY CC_COIN 50 50 50", "PLAY DICE_TOKEN 2 -2 8");
        assertThat(movements).extracting(TransactionCreated::eventId).doesNotHaveDuplicates().doesNotContain("e-2")
                .containsExactly(UUID.nameUUIDFromBytes("e-2/CC_COIN".getBytes(StandardCharsets.UTF_8)).toString(),
                        UUID.nameUUIDFromBytes("e-2/DICE_TOKEN".getBytes(StandardCharsets.UTF_8)).toString());
        assertThat(TransactionCreated.of(play, "e-2", AT, code -> Optional.ofNullable(ASSETS.get(code))))
                .extracting(TransactionCreated::eventId).isEqualTo(movements.stream().map(TransactionCreated::eventId).toList());
    }

    @Test
    void aWithdrawalsRequestAndReleaseMoveNothingOutButSayTheAmountAndTheirStatus() {
        WithdrawalRequestedEvent requested = new WithdrawalRequestedEvent(ALICE, "t-3", "wd-1", "USD", 2_000, AT.plusSeconds(86_400),
                List.of(new Posting(Posting.PLAYER_AVAILABLE, "USD", -2_000), new Posting(Posting.PLAYER_RESERVED, "USD", 2_000)),
                Map.of("USD", new Balance(8_000, 2_000)));
        WithdrawalReleasedEvent released = new WithdrawalReleasedEvent(ALICE, "t-4", "wd-1-no", "wd-1", "USD", 2_000,
                WithdrawalRelease.REJECTED,
                List.of(new Posting(Posting.PLAYER_RESERVED, "USD", -2_000), new Posting(Posting.PLAYER_AVAILABLE, "USD", 2_000)),
                Map.of("USD", new Balance(10_000, 0)));

        assertThat(movement(requested)).extracting(TransactionCreated::type, TransactionCreated::status, TransactionCreated::amount,
                TransactionCreated::playerDeltaMinor, TransactionCreated::refersToPartnerTransactionId).containsExactly("WITHDRAWAL", "PENDING",
                "20.00", 0L, null);
        assertThat(movement(released)).extracting(TransactionCreated::status, TransactionCreated::amount, TransactionCreated::balanceAfter,
                TransactionCreated::refersToPartnerTransactionId).containsExactly("REJECTED", "20.00", "100.00", "wd-1");
    }

    @Test
    void aFreeRoundIsALineOfZeroAndAnAssetNoLongerConfiguredHasNoDecimalAmount() {
        BetPlacedEvent free = new BetPlacedEvent(ALICE, "t-5", "bet-free", "USD", 0, "slots", "r-2", List.of(), Map.of("USD", new Balance(900, 0)));
        BetPlacedEvent gone = new BetPlacedEvent(ALICE, "t-6", "bet-old", "OLD", 5, "slots", "r-3",
                List.of(new Posting(Posting.PLAYER_AVAILABLE, "OLD", -5), new Posting("system:house", "OLD", 5)), Map.of("OLD", new Balance(1, 0)));

        assertThat(movement(free)).extracting(TransactionCreated::currency, TransactionCreated::amount, TransactionCreated::amountMinor)
                .containsExactly("USD", "0.00", 0L);
        assertThat(movement(gone)).extracting(TransactionCreated::amount, TransactionCreated::amountMinor, TransactionCreated::balanceAfter)
                .containsExactly(null, 5L, null);
    }

    @Test
    void aRaisedAlertGoesToItsTopicAsStoredAndOtherEventsOnlyToTheLedgerTopic() {
        var raised = new AmlAlertEvents.Raised("aml:p_1:t-1:LARGE", "p_1", "alice", "LARGE", AmlSeverity.HIGH, 80, List.of("large"), "t-1");
        String json = "{\"alert_id\":\"aml:p_1:t-1:LARGE\"}";

        List<StreamMessage> messages = MAPPINGS.messages(stored("e-7", "aml.AmlAlertRaisedEvent", raised, json));

        assertThat(messages).extracting(StreamMessage::topic).containsExactly("chipledger.ledger.events", "aml.alert.created");
        assertThat(new String(messages.get(1).value(), StandardCharsets.UTF_8)).endsWith("\"data\":" + json + "}");
        assertThat(MAPPINGS.messages(stored("e-8", "wallet.WalletOpenedEvent", new WalletOpenedEvent(ALICE), "{}")))
                .extracting(StreamMessage::topic).containsExactly("chipledger.ledger.events");
    }

    @Test
    void aSegmentChangeGoesToItsTopicKeyedByThePlayerSoAPlayersChangesStayInOrder() {
        String id = PlayerSegment.idOf("p_1", "alice");
        var changed = new PlayerSegmentChangedEvent("p_1", "alice", "NEW", "VIP", "default:VIP", "VIP", "event", "e-1", AT);
        String json = "{\"to_segment\":\"VIP\"}";

        List<StreamMessage> messages = MAPPINGS.messages(new LedgerEvent("e-11", "segment.PlayerSegmentChangedEvent", AT, id, 0,
                PlayerSegmentChangedEvent.class, json.getBytes(StandardCharsets.UTF_8), () -> changed, "p_1", "c-1"));

        assertThat(messages).extracting(StreamMessage::topic).containsExactly("chipledger.ledger.events", "player.segment.changed");
        assertThat(messages).extracting(StreamMessage::key).containsExactly(id, "p_1:alice");
        assertThat(new String(messages.get(1).value(), StandardCharsets.UTF_8)).endsWith("\"data\":" + json + "}");
        assertThat(messages.get(1).headers()).containsEntry("event_id", "e-11").containsEntry("event_type", "segment.PlayerSegmentChangedEvent");
    }

    @Test
    void aKeysSecretHashNeverLeavesTheLedger() throws Exception {
        String stored = "{\"partner_id\":\"p_1\",\"key_id\":\"k_1\",\"prefix\":\"abc\",\"secret_hash\":\"9f86d0\",\"scopes\":[\"WALLET_READ\"]}";

        List<StreamMessage> messages = MAPPINGS.messages(stored("e-9", "partner.ApiKeyIssuedEvent", "unused", stored));

        JsonNode data = JSON.readTree(messages.get(0).value()).get("data");
        assertThat(data.has("secret_hash")).isFalse();
        assertThat(data.get("key_id").asText()).isEqualTo("k_1");
    }

    @Test
    void aMessageOverTheLimitIsRefusedSoItsEventIsParkedNotRetried() {
        String large = "{\"note\":\"" + "x".repeat(20_000) + "\"}";
        assertThatThrownBy(() -> MAPPINGS.messages(stored("e-10", "aml.AmlAlertNoteAddedEvent", "unused", large)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("over the limit of 10000");
    }

    @Test
    void topicNamesFollowKafkasRule() {
        assertThatThrownBy(() -> new StreamTopics("a b", "b", "c", "d", "e")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StreamTopics("a", "a", "c", "d", "e")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StreamTopics("a", "b", "c", "a", "e")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StreamTopics("..", "b", "c", "d", "e")).isInstanceOf(IllegalArgumentException.class);
        assertThat(new StreamTopics("a.b-c_1", "b", "c", "d", "e").all()).containsExactly("a.b-c_1", "b", "c", "d", "e");
    }

    private static TransactionCreated movement(MoneyMovedEvent event) {
        List<TransactionCreated> movements = TransactionCreated.of(event, "e", AT, code -> Optional.ofNullable(ASSETS.get(code)));
        assertThat(movements).hasSize(1);
        return movements.get(0);
    }

    private static LedgerEvent stored(String id, String type, Object payload, String json) {
        return new LedgerEvent(id, type, AT, "p_1:alice", 7, payload.getClass(), json.getBytes(StandardCharsets.UTF_8), () -> payload,
                "p_1", "c-1");
    }
}
