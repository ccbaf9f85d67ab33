package io.chipledger.api.store;

import io.chipledger.core.audit.EventHashChain;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.serialization.Serializer;

/**
 * Stamps every domain event with its link in the aggregate's hash chain ({@link EventHashChain})
 * before the JDBC engine stores it. The previous hash comes from a cache of committed links, or
 * from the stored event when the cache has no committed link for exactly the previous sequence
 * (another node appended, or a transaction rolled back).
 */
public class HashChainingStorageEngine implements EventStorageEngine {

    /** Committed chain heads kept in memory; past this the cache starts over rather than grow. */
    static final int CACHED_CHAIN_HEADS_MAX = 200_000;

    private record ChainHead(long sequenceNumber, String hash) {
    }

    private final EventStorageEngine delegate;
    private final Serializer eventSerializer;
    private final Map<String, ChainHead> committedHeads = new ConcurrentHashMap<>();

    public HashChainingStorageEngine(EventStorageEngine delegate, Serializer eventSerializer) {
        this.delegate = delegate;
        this.eventSerializer = eventSerializer;
    }

    @Override
    public void appendEvents(List<? extends EventMessage<?>> events) {
        List<EventMessage<?>> chained = new ArrayList<>(events.size());
        Map<String, ChainHead> heads = new HashMap<>();
        for (EventMessage<?> event : events) {
            if (!(event instanceof DomainEventMessage<?> domainEvent)) {
                chained.add(event);
                continue;
            }
            String aggregateId = domainEvent.getAggregateIdentifier();
            long sequence = domainEvent.getSequenceNumber();
            ChainHead previous = heads.containsKey(aggregateId) ? heads.get(aggregateId) : committedHead(aggregateId, sequence - 1);
            String hash = EventHashChain.next(previous.hash(), aggregateId, sequence, domainEvent.getIdentifier(),
                    eventSerializer.typeForClass(domainEvent.getPayloadType()).getName(),
                    domainEvent.serializePayload(eventSerializer, byte[].class).getData());
            heads.put(aggregateId, new ChainHead(sequence, hash));
            chained.add(domainEvent.andMetaData(Map.of(EventHashChain.HASH_METADATA_KEY, hash)));
        }
        delegate.appendEvents(chained);
        rememberAfterCommit(heads);
    }

    private ChainHead committedHead(String aggregateId, long previousSequence) {
        if (previousSequence < 0) {
            return new ChainHead(-1, EventHashChain.GENESIS);
        }
        ChainHead cached = committedHeads.get(aggregateId);
        if (cached != null && cached.sequenceNumber() == previousSequence) {
            return cached;
        }
        DomainEventStream stored = delegate.readEvents(aggregateId, previousSequence);
        if (!stored.hasNext()) {
            throw new IllegalStateException("event " + previousSequence + " of " + aggregateId + " is missing from the store");
        }
        DomainEventMessage<?> previous = stored.next();
        Object hash = previous.getMetaData().get(EventHashChain.HASH_METADATA_KEY);
        if (previous.getSequenceNumber() != previousSequence || hash == null) {
            throw new IllegalStateException("event " + previousSequence + " of " + aggregateId + " has no chain hash");
        }
        return new ChainHead(previousSequence, hash.toString());
    }

    /** Only committed links are trusted later: a rolled-back event must never become anyone's predecessor. */
    private void rememberAfterCommit(Map<String, ChainHead> heads) {
        Runnable remember = () -> {
            if (committedHeads.size() > CACHED_CHAIN_HEADS_MAX) {
                committedHeads.clear();
            }
            committedHeads.putAll(heads);
        };
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(unitOfWork -> remember.run());
        }
    }

    @Override
    public void storeSnapshot(DomainEventMessage<?> snapshot) {
        delegate.storeSnapshot(snapshot);
    }

    @Override
    public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
        return delegate.readEvents(trackingToken, mayBlock);
    }

    @Override
    public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
        return delegate.readEvents(aggregateIdentifier, firstSequenceNumber);
    }

    @Override
    public Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
        return delegate.readSnapshot(aggregateIdentifier);
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        return delegate.lastSequenceNumberFor(aggregateIdentifier);
    }

    @Override
    public TrackingToken createTailToken() {
        return delegate.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return delegate.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return delegate.createTokenAt(dateTime);
    }
}
