package io.chipledger.analytics.kafka;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chipledger.core.asset.Asset;
import io.chipledger.core.aml.AmlAlertEvents;
import io.chipledger.core.campaign.CampaignRewardDeliveredEvent;
import io.chipledger.core.segment.PlayerSegmentChangedEvent;
import io.chipledger.core.wallet.MoneyMovedEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntSupplier;

/**
 * What the Kafka publisher sends for each stored event: the one place that says it (issue 16,
 * docs/events.md).
 * <ul>
 * <li>every event to {@link StreamTopics#ledgerEvents()}, its stored JSON as {@code data}, except
 * that the hash of a key's secret ({@code secret_hash} of {@code partner.ApiKeyIssuedEvent} and
 * {@code admin.AdminKeyIssuedEvent}) never leaves the ledger;</li>
 * <li>each money event to {@link StreamTopics#transactionCreated()}, one message per asset it moves
 * ({@link TransactionCreated});</li>
 * <li>each {@code aml.AmlAlertRaisedEvent} to {@link StreamTopics#amlAlertCreated()}, as stored;</li>
 * <li>each {@code segment.PlayerSegmentChangedEvent} to {@link StreamTopics#playerSegmentChanged()},
 * as stored but keyed by the player's wallet ({@code <partner_id>:<player_id>}), so a player's
 * changes stay in order in one partition;</li>
 * <li>each {@code campaign.CampaignRewardDeliveredEvent} to {@link StreamTopics#campaignRewardDelivered()}, as
 * stored (its {@code message} rendered for the player) and keyed by the player's wallet, for the
 * services that notify players.</li>
 * </ul>
 * Every other message is keyed by the event's aggregate (a wallet's messages stay in order in one
 * partition) and carries the headers {@value #EVENT_ID}, {@value #EVENT_TYPE}, {@value #SEQUENCE}
 * (the event's number within its aggregate, which orders a wallet's messages even after a resend),
 * and {@value #PARTNER_ID} and {@value #CORRELATION_ID} when the event has them.
 */
public final class StreamMappings {

    public static final String EVENT_ID = "event_id";
    public static final String EVENT_TYPE = "event_type";
    public static final String SEQUENCE = "sequence";
    public static final String PARTNER_ID = "partner_id";
    public static final String CORRELATION_ID = "correlation_id";
    /** The event type of every {@code wallet.transaction.created} message. */
    public static final String TRANSACTION_CREATED = "transaction.created";

    /** Stored types whose JSON holds a credential's hash, published without it. */
    private static final Set<String> WITH_SECRET_HASH = Set.of("partner.ApiKeyIssuedEvent", "admin.AdminKeyIssuedEvent");
    private static final String SECRET_HASH = "secret_hash";

    private final StreamTopics topics;
    private final Function<String, Optional<Asset>> assets;
    private final IntSupplier messageBytesMax;

    /**
     * @param assets the configured asset of a code, for decimal amounts
     * @param messageBytesMax the largest message the topics take now (the publisher lowers it to a
     *        topic's own limit when it learns that); a larger one is refused ({@link #messages}) so the
     *        publisher parks its event rather than have the broker refuse it for ever
     */
    public StreamMappings(StreamTopics topics, Function<String, Optional<Asset>> assets, IntSupplier messageBytesMax) {
        this.topics = topics;
        this.assets = assets;
        this.messageBytesMax = messageBytesMax;
    }

    public StreamTopics topics() {
        return topics;
    }

    /**
     * The messages of one stored event, in the order they are to be sent.
     *
     * @throws IllegalArgumentException when a message would be larger than the topics take, or the
     *         event cannot be written (the publisher parks it and goes on)
     */
    public List<StreamMessage> messages(LedgerEvent event) {
        List<StreamMessage> messages = new ArrayList<>(2);
        String timestamp = Envelope.timestamp(event.recordedAt());
        messages.add(message(topics.ledgerEvents(), event, event.aggregateId(), event.eventId(), event.eventType(),
                Envelope.of(event.eventId(), event.eventType(), timestamp, published(event))));
        if (MoneyMovedEvent.class.isAssignableFrom(event.payloadType())) {
            for (TransactionCreated movement : TransactionCreated.of((MoneyMovedEvent) event.payload().get(), event.eventId(),
                    event.recordedAt(), assets)) {
                messages.add(message(topics.transactionCreated(), event, event.aggregateId(), movement.eventId(), TRANSACTION_CREATED,
                        Envelope.of(movement.eventId(), TRANSACTION_CREATED, timestamp, movement)));
            }
        } else if (event.payloadType() == AmlAlertEvents.Raised.class) {
            messages.add(message(topics.amlAlertCreated(), event, event.aggregateId(), event.eventId(), event.eventType(),
                    Envelope.of(event.eventId(), event.eventType(), timestamp, event.json())));
        } else if (event.payloadType() == PlayerSegmentChangedEvent.class) {
            PlayerSegmentChangedEvent change = (PlayerSegmentChangedEvent) event.payload().get();
            messages.add(message(topics.playerSegmentChanged(), event, change.partnerId() + ":" + change.playerId(), event.eventId(),
                    event.eventType(), Envelope.of(event.eventId(), event.eventType(), timestamp, event.json())));
        } else if (event.payloadType() == CampaignRewardDeliveredEvent.class) {
            CampaignRewardDeliveredEvent delivery = (CampaignRewardDeliveredEvent) event.payload().get();
            messages.add(message(topics.campaignRewardDelivered(), event, delivery.partnerId() + ":" + delivery.playerId(), event.eventId(),
                    event.eventType(), Envelope.of(event.eventId(), event.eventType(), timestamp, event.json())));
        }
        int limit = messageBytesMax.getAsInt();
        for (StreamMessage message : messages) {
            if (message.size() > limit) {
                throw new IllegalArgumentException("event " + event.eventId() + " makes a message of " + message.size()
                        + " bytes for " + message.topic() + ", over the limit of " + limit);
            }
        }
        return messages;
    }

    private static StreamMessage message(String topic, LedgerEvent event, String key, String messageId, String messageType, byte[] value) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(EVENT_ID, messageId);
        headers.put(EVENT_TYPE, messageType);
        headers.put(SEQUENCE, Long.toString(event.sequence()));
        if (event.partnerId() != null) {
            headers.put(PARTNER_ID, event.partnerId());
        }
        if (event.correlationId() != null) {
            headers.put(CORRELATION_ID, event.correlationId());
        }
        return new StreamMessage(topic, key, value, headers);
    }

    /** The stored JSON, but for a key's issue without the hash of its secret. */
    private static byte[] published(LedgerEvent event) {
        if (!WITH_SECRET_HASH.contains(event.eventType())) {
            return event.json();
        }
        try {
            ObjectNode json = (ObjectNode) Envelope.JSON.readTree(event.json());
            json.remove(SECRET_HASH);
            return Envelope.JSON.writeValueAsBytes(json);
        } catch (IOException unreadable) {
            throw new UncheckedIOException("event " + event.eventId() + " is not the JSON object it was stored as", unreadable);
        }
    }
}
