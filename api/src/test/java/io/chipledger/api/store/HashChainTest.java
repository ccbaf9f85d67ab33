package io.chipledger.api.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chipledger.api.LedgerApiTest;
import io.chipledger.core.audit.EventHashChain;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The hash chain can be recomputed from the event table alone, and any change to a stored
 * event breaks it from that event on.
 */
class HashChainTest extends LedgerApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    record StoredEvent(String aggregateId, long sequence, String eventId, String payloadType, byte[] payload, String hash) {
    }

    @Test
    void theStoredChainRecomputesFromTheTableAndDetectsTampering() throws Exception {
        String[] partner = client.newPartner();
        client.deposit(partner[1], "zoe", "10.00", "USD");
        client.bet(partner[1], "zoe", "1.00", "USD", "z-bet-1");
        client.deposit(partner[1], "zoe", "3.00", "EUR");
        List<StoredEvent> events = storedEvents(partner[0] + ":zoe");
        assertThat(events).hasSize(4);

        assertThat(firstBrokenLink(events)).isEqualTo(-1);

        StoredEvent bet = events.get(2);
        byte[] altered = new String(bet.payload()).replace("\"amount_minor\":100", "\"amount_minor\":1").getBytes();
        assertThat(altered).isNotEqualTo(bet.payload());
        events.set(2, new StoredEvent(bet.aggregateId(), bet.sequence(), bet.eventId(), bet.payloadType(), altered, bet.hash()));
        assertThat(firstBrokenLink(events)).isEqualTo(2);

        List<StoredEvent> withoutOne = storedEvents(partner[0] + ":zoe");
        withoutOne.remove(1);
        assertThat(firstBrokenLink(withoutOne)).isEqualTo(1);
    }

    @Test
    void everyEventRecordsWhoSentItFromWhereAndUnderWhichKey() throws Exception {
        String[] partner = client.newPartner();
        client.post(partner[1], "/api/v1/wallets/yves/deposits",
                "{\"amount\":\"1.00\",\"currency\":\"USD\",\"transaction_id_partner\":\"meta-1\"}");
        byte[] metaData = jdbc.queryForObject("SELECT meta_data FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND payload_type = 'wallet.FundsDepositedEvent'", byte[].class, partner[0] + ":yves");
        Map<?, ?> recorded = JSON.readValue(metaData, Map.class);
        assertThat(recorded.get("actor")).isEqualTo("api-key:" + partner[2]);
        assertThat(recorded.get("partner_id")).isEqualTo(partner[0]);
        assertThat(recorded.get("idempotency_key")).isEqualTo("meta-1");
        assertThat(recorded.get("request_ip")).isEqualTo("127.0.0.1");
        assertThat(recorded.get("correlationId")).isNotNull();
        assertThat(recorded.get("event_hash").toString()).hasSize(64);
    }

    private static int firstBrokenLink(List<StoredEvent> events) {
        String previous = EventHashChain.GENESIS;
        for (int i = 0; i < events.size(); i++) {
            StoredEvent event = events.get(i);
            String expected = EventHashChain.next(previous, event.aggregateId(), event.sequence(), event.eventId(),
                    event.payloadType(), event.payload());
            if (!expected.equals(event.hash())) {
                return i;
            }
            previous = event.hash();
        }
        return -1;
    }

    private List<StoredEvent> storedEvents(String aggregateId) {
        return new java.util.ArrayList<>(jdbc.query("SELECT aggregate_identifier, sequence_number, event_identifier, payload_type, payload, meta_data "
                        + "FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number",
                (row, i) -> new StoredEvent(row.getString(1), row.getLong(2), row.getString(3), row.getString(4), row.getBytes(5),
                        hashOf(row.getBytes(6))), aggregateId));
    }

    @SuppressWarnings("unchecked")
    private static String hashOf(byte[] metaData) {
        try {
            return (String) JSON.readValue(metaData, Map.class).get(EventHashChain.HASH_METADATA_KEY);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
