package io.chipledger.api.projection;

import io.chipledger.api.problem.InvalidRequestException;
import io.chipledger.api.wallet.Pages;
import io.chipledger.api.wallet.Pages.Page;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The events the tracking projections parked ({@link DeadLetterConfiguration}): how many per
 * group, which, and their retry. A group's parked events are listed by wallet (the sequence
 * whose order they keep) and position within it; a retry hands each parked wallet's events to
 * their handlers again, in order, and those that still fail stay parked with their new cause.
 */
@Component
public class DeadLetters {

    /** Parked events in one listing page at most. */
    public static final int PAGE_SIZE_MAX = 200;
    /** Wallets one retry request hands back to the handlers at most; ask again for the rest. */
    public static final int RETRY_SEQUENCES_MAX = 100;

    /** The listing's cursor: the last shown event's index within its wallet, a colon, the wallet. */
    private static final Pattern CURSOR = Pattern.compile("(0|[1-9][0-9]{0,17}):([A-Za-z0-9_.:\\-]{1,255})");

    private final JdbcTemplate jdbc;
    private final EventProcessingConfiguration processing;

    public DeadLetters(JdbcTemplate jdbc, EventProcessingConfiguration processing) {
        this.jdbc = jdbc;
        this.processing = processing;
    }

    /**
     * One parked event: the sequence (wallet or profile) it holds up, its index in that sequence,
     * the event, where it is in the store, and why its handler failed.
     */
    public record ParkedEvent(String sequence, long index, String eventId, String eventType, Long position,
                              String causeType, String causeMessage, String enqueuedAt, String lastTouched) {
    }

    /** What a retry did: wallets handed back, wallets whose every event now went through, events still parked. */
    public record RetryOutcome(String group, int sequencesRetried, int sequencesCleared, long stillParked) {
    }

    /** The groups that park what they cannot handle and run on this node: the sink only while analytics is on. */
    public List<String> groups() {
        return TrackingGroups.running(processing);
    }

    /** Parked events per group, every group of {@link #groups} named (zero when none). One query. */
    public Map<String, Long> parkedPerGroup() {
        Map<String, Long> parked = new HashMap<>();
        groups().forEach(group -> parked.put(group, 0L));
        jdbc.query("SELECT processing_group, count(*) FROM dead_letter_entry GROUP BY processing_group",
                row -> {
                    parked.put(row.getString(1), row.getLong(2));
                });
        return parked;
    }

    public long parked(String group) {
        return jdbc.queryForObject("SELECT count(*) FROM dead_letter_entry WHERE processing_group = ?", Long.class, requireGroup(group));
    }

    /** Whether the aggregate (the sequence) has events parked in {@code group}: one index lookup. */
    public boolean isParked(String group, String aggregateId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM dead_letter_entry WHERE processing_group = ? "
                + "AND sequence_identifier = ?)", Boolean.class, group, aggregateId));
    }

    /** A page of the group's parked events, by wallet and order within it, after {@code cursor} (null: from the start). */
    public Page<ParkedEvent> list(String group, String cursor, int pageSize) {
        String sequence = "";
        long index = -1;
        if (cursor != null) {
            Matcher parts = CURSOR.matcher(cursor);
            if (!parts.matches()) {
                throw new InvalidRequestException("cursor", "cursor must be the next_cursor of a previous page");
            }
            index = Long.parseLong(parts.group(1));
            sequence = parts.group(2);
        }
        List<ParkedEvent> fetched = jdbc.query("SELECT d.sequence_identifier, d.sequence_index, d.event_identifier, d.payload_type, "
                        + "(SELECT e.global_index FROM domain_event_entry e WHERE e.event_identifier = d.event_identifier), "
                        + "d.cause_type, d.cause_message, d.enqueued_at, d.last_touched FROM dead_letter_entry d "
                        + "WHERE d.processing_group = ? AND (d.sequence_identifier, d.sequence_index) > (?, ?) "
                        + "ORDER BY d.sequence_identifier, d.sequence_index LIMIT ?",
                DeadLetters::parkedEvent, requireGroup(group), sequence, index, pageSize + 1);
        return Pages.of(fetched, pageSize, parked -> parked.index() + ":" + parked.sequence());
    }

    /**
     * Hands the parked events of up to {@link #RETRY_SEQUENCES_MAX} wallets back to the group's
     * handlers, each wallet's in order; a wallet whose events all go through leaves the queue.
     */
    public RetryOutcome retry(String group) {
        SequencedDeadLetterProcessor<EventMessage<?>> processor = processing.sequencedDeadLetterProcessor(requireGroup(group))
                .orElseThrow(() -> new IllegalStateException("processing group " + group + " has no dead-letter queue"));
        List<String> sequences = jdbc.queryForList("SELECT DISTINCT sequence_identifier FROM dead_letter_entry "
                + "WHERE processing_group = ? ORDER BY sequence_identifier LIMIT ?", String.class, group, RETRY_SEQUENCES_MAX);
        int cleared = 0;
        for (String sequence : sequences) {
            if (processor.process(letter -> sequence.equals(sequenceOf(letter.message())))) {
                cleared++;
            }
        }
        return new RetryOutcome(group, sequences.size(), cleared, parked(group));
    }

    /** The sequence an event is parked under: its aggregate, as Axon's default sequencing policy has it. */
    private static String sequenceOf(EventMessage<?> event) {
        return event instanceof DomainEventMessage<?> domainEvent ? domainEvent.getAggregateIdentifier() : event.getIdentifier();
    }

    String requireGroup(String group) {
        List<String> groups = groups();
        if (!groups.contains(group)) {
            throw new UnknownProjectionException(group, groups);
        }
        return group;
    }

    private static ParkedEvent parkedEvent(ResultSet row, int index) throws SQLException {
        return new ParkedEvent(row.getString(1), row.getLong(2), row.getString(3), row.getString(4), (Long) row.getObject(5),
                row.getString(6), row.getString(7), row.getString(8), row.getString(9));
    }
}
