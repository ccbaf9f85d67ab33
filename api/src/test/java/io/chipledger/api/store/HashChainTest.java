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

    record StoredEvent(EventHashChain.Row row, String hash) {
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
        EventHashChain.Row row = bet.row();
        byte[] altered = new String(row.payload()).replace("\"amount_minor\":100", "\"amount_minor\":1").getBytes();
        assertThat(altered).isNotEqualTo(row.payload());
        events.set(2, new StoredEvent(new EventHashChain.Row(row.aggregateId(), row.sequence(), row.eventId(), row.type(), row.timeStamp(),
                row.payloadType(), row.payloadRevision(), altered, row.metaData()), bet.hash()));
        assertThat(firstBrokenLink(events)).isEqualTo(2);
        StoredEvent deposit = storedEvents(partner[0] + ":zoe").get(1);
        EventHashChain.Row depositRow = deposit.row();
        byte[] otherActor = new String(depositRow.metaData()).replace("api-key:", "api-kez:").getBytes();
        events = storedEvents(partner[0] + ":zoe");
        events.set(1, new StoredEvent(new EventHashChain.Row(depositRow.aggregateId(), depositRow.sequence(), depositRow.eventId(),
                depositRow.type(), depositRow.timeStamp(), depositRow.payloadType(), depositRow.payloadRevision(), depositRow.payload(),
                otherActor), deposit.hash()));
        assertThat(firstBrokenLink(events)).as("the metadata is chained").isEqualTo(1);
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
        assertThat(recorded.containsKey("event_hash")).as("the link is in its own column").isFalse();
    }

    private static int firstBrokenLink(List<StoredEvent> events) {
        String previous = EventHashChain.GENESIS;
        for (int i = 0; i < events.size(); i++) {
            StoredEvent event = events.get(i);
            String expected = EventHashChain.next(2, previous, event.row());
            if (!expected.equals(event.hash())) {
                return i;
            }
            previous = event.hash();
        }
        return -1;
    }

    private List<StoredEvent> storedEvents(String aggregateId) {
        return new java.util.ArrayList<>(jdbc.query("SELECT aggregate_identifier, sequence_number, event_identifier, type, time_stamp, "
                        + "payload_type, payload_revision, payload, meta_data, event_hash FROM domain_event_entry WHERE aggregate_identifier = ? "
                        + "ORDER BY sequence_number",
                (row, i) -> new StoredEvent(new EventHashChain.Row(row.getString(1), row.getLong(2), row.getString(3), row.getString(4),
                        row.getString(5), row.getString(6), row.getString(7), row.getBytes(8), row.getBytes(9)), row.getString(10)), aggregateId));
    }
}
