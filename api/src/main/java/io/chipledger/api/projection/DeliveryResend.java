package io.chipledger.api.projection;

import java.time.Instant;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends events again through a delivery group ({@link TrackingGroups#DELIVERIES}): its position
 * is moved back to the first event stored at or after an instant, or to the start of history, and
 * it sends everything from there at its own pace (its lag shows the progress). ClickHouse's tables
 * and Kafka's consumers deduplicate by event id, so a resend is safe to repeat. A position is only
 * ever moved back: an instant past where the group stands changes nothing, for the events between
 * were never sent. One resend at a time per node; the processor is stopped and started again by
 * {@link ProcessorRestarts}, which never leaves it down.
 *
 * <p>Not a rebuild: nothing is emptied, and the group's parked events stay parked (a reset would
 * drop them from its dead-letter queue unsent). The processor pauses for the moment it takes to
 * store the new position; the wallet never waits for it.
 */
@Component
class DeliveryResend {

    private static final Logger log = LoggerFactory.getLogger(DeliveryResend.class);

    private final EventProcessingConfiguration processing;
    private final EventStore events;
    private final TransactionTemplate transactions;
    private final ProcessorRestarts restarts;

    DeliveryResend(EventProcessingConfiguration processing, EventStore events, PlatformTransactionManager transactionManager,
                   ProcessorRestarts restarts) {
        this.processing = processing;
        this.events = events;
        this.restarts = restarts;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /**
     * Moves {@code name}'s position back to {@code since} (null: the start of history).
     *
     * @throws UnknownProjectionException when {@code name} is no delivery group this node runs
     * @throws ResendRefusedException when another node holds one of its segments; nothing was changed
     */
    synchronized void resend(String name, Instant since) {
        StreamingEventProcessor processor = TrackingGroups.DELIVERIES.contains(name)
                ? processing.eventProcessor(name, StreamingEventProcessor.class).orElse(null) : null;
        if (processor == null) {
            throw new UnknownProjectionException(name, TrackingGroups.running(processing).stream()
                    .filter(TrackingGroups.DELIVERIES::contains).toList());
        }
        TokenStore tokens = processing.tokenStore(name);
        restarts.pause(processor);
        try {
            transactions.executeWithoutResult(status -> {
                // Null is where a processor starts with no token: the first event of history.
                TrackingToken from = since == null ? null : events.createTokenAt(since);
                for (int segment : tokens.fetchSegments(name)) {
                    TrackingToken current = tokens.fetchToken(name, segment); // claims it, or throws when another node holds it
                    tokens.storeToken(behind(current, from), name, segment);
                }
            });
            log.info("{} sends every event again from {}", name, since == null ? "the start of history" : since);
        } catch (UnableToClaimTokenException ownedElsewhere) {
            throw new ResendRefusedException(name);
        } finally {
            restarts.resume(processor);
        }
    }

    /**
     * The token further back of the two, Axon's lower bound: the lower index, with the gaps of both
     * below it kept, so an event still in flight below the current position is not skipped either
     * (null, the start of history, is behind every other).
     */
    static TrackingToken behind(TrackingToken current, TrackingToken from) {
        if (current == null || from == null) {
            return null;
        }
        return WrappedToken.unwrapLowerBound(current).lowerBound(from);
    }
}
