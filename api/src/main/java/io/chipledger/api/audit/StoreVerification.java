package io.chipledger.api.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chipledger.core.audit.EventHashChain;
import java.io.IOException;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongConsumer;
import java.util.regex.Pattern;

/**
 * Verifies the event store from its table alone ({@code domain_event_entry}), read-only, with no
 * code of the ledger's but the chain's formula ({@link EventHashChain}): it streams every event in
 * (aggregate, sequence) order and checks, for each aggregate, that its sequence runs from 0 without
 * a gap, that every stored hash is the one its predecessor and its row give, that every event's
 * postings sum to zero per asset, and that no wallet's account ever goes below zero. Each failure
 * is named at its aggregate, sequence and global position, with what was expected and found.
 *
 * <p>Memory stays constant over the database: one aggregate's state at a time, and at most
 * {@link #FAILURES_KEPT} failures kept (all are counted); over an export it also keeps each
 * chain's last link, to compare with the export's manifest. Not yet checked (issue 13): chain heads kept apart from the
 * events, so the newest events of an aggregate removed are not found; metadata and timestamps,
 * which the chain does not cover yet.
 */
public final class StoreVerification {

    /** Failures kept for the report; past this they are only counted. */
    public static final int FAILURES_KEPT = 1_000;
    /** Progress is reported this often (a caller may show less of it). */
    public static final int PROGRESS_EVERY_EVENTS = 1_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A wallet's aggregate id: {@code <partner id>:<player id>}. Decided from the id, which the chain covers, not the type column, which it does not. */
    private static final Pattern WALLET_ID = Pattern.compile("p_[0-9a-f]{16}:.+");

    /** One thing found wrong, where it is, and what was expected and found. */
    public record Failure(String aggregateId, long sequence, long globalPosition, String check, String expected, String found) {
    }

    /** The outcome: how many events were read, every failure counted, the first {@link #FAILURES_KEPT} kept. */
    public record Report(long eventsChecked, long aggregatesChecked, long failureCount, List<Failure> failures) {

        public boolean clean() {
            return failureCount == 0;
        }
    }

    private final List<Failure> failures = new ArrayList<>();
    private long failureCount;

    /** Each chain's last link, as read: kept only to compare with an export's manifest (it grows with the aggregates). */
    private final Map<String, AuditExport.ChainHead> heads;

    private StoreVerification(boolean keepHeads) {
        this.heads = keepHeads ? new TreeMap<>() : null;
    }

    /** Verifies the whole store on {@code connection} (read-only); {@code progress} is told the events read so far. */
    public static Report run(Connection connection, LongConsumer progress) throws SQLException {
        StoreVerification verification = new StoreVerification(false);
        StoredEvent.readAll(connection, event -> verification.accept(event, progress));
        return verification.report(progress);
    }

    /** Verifies an export ({@link AuditExport}) instead of the database: the same checks, on the same bytes. */
    public static Report run(java.nio.file.Path export, LongConsumer progress) throws IOException {
        StoreVerification verification = new StoreVerification(true);
        AuditExport.Manifest manifest = AuditExport.read(export, event -> verification.accept(event, progress));
        verification.compareWith(manifest);
        return verification.report(progress);
    }

    /** The number of events the store holds, for a progress bar. */
    public static long eventCount(Connection connection) throws SQLException {
        try (PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM domain_event_entry");
             ResultSet row = count.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    private Aggregate current;
    private long events;
    private long aggregates;

    private void accept(StoredEvent event, LongConsumer progress) {
        if (current == null || !current.id.equals(event.aggregateId())) {
            current = new Aggregate(event.aggregateId(), WALLET_ID.matcher(event.aggregateId()).matches());
            aggregates++;
        }
        check(current, event);
        if (heads != null) {
            heads.put(event.aggregateId(), new AuditExport.ChainHead(event.sequence(), current.previousHash));
        }
        if (++events % PROGRESS_EVERY_EVENTS == 0) {
            progress.accept(events);
        }
    }

    /** An export whose lines do not end where its manifest says was cut or altered after it was written. */
    private void compareWith(AuditExport.Manifest manifest) {
        if (manifest.events() != events) {
            fail("(export)", -1, -1, "events in the export", Long.toString(manifest.events()), Long.toString(events));
        }
        manifest.chains().forEach((aggregateId, head) -> {
            AuditExport.ChainHead read = heads.get(aggregateId);
            if (!head.equals(read)) {
                fail(aggregateId, head.sequence(), -1, "last link of the chain, as the manifest holds it", head.toString(), String.valueOf(read));
            }
        });
    }

    private Report report(LongConsumer progress) {
        progress.accept(events);
        return new Report(events, aggregates, failureCount, List.copyOf(failures));
    }

    /** What is carried from one event of an aggregate to the next. */
    private static final class Aggregate {
        final String id;
        final boolean wallet;
        long expectedSequence;
        String previousHash = EventHashChain.GENESIS;
        /** Player account balances, by account and asset, in minor units. */
        final Map<String, Long> balances = new HashMap<>();

        Aggregate(String id, boolean wallet) {
            this.id = id;
            this.wallet = wallet;
        }
    }

    private void check(Aggregate aggregate, StoredEvent event) {
        long sequence = event.sequence();
        long position = event.globalPosition();
        if (sequence != aggregate.expectedSequence) {
            fail(aggregate.id, sequence, position, "sequence", Long.toString(aggregate.expectedSequence), Long.toString(sequence));
        }
        aggregate.expectedSequence = sequence + 1;
        String stored = event.storedHash();
        String expected = EventHashChain.next(aggregate.previousHash, aggregate.id, sequence, event.eventId(), event.payloadType(),
                event.payload());
        if (!expected.equals(stored)) {
            fail(aggregate.id, sequence, position, "hash chain", expected, String.valueOf(stored));
        }
        // The stored link goes on: one altered event is one failure, not every event after it.
        aggregate.previousHash = stored == null ? expected : stored;
        JsonNode postings = postings(event.payload());
        if (postings == null) {
            fail(aggregate.id, sequence, position, "payload", "a JSON object", "a payload that does not read as JSON");
            return;
        }
        // Exact arithmetic: an amount that does not fit 64 bits, or a sum that overflows, is a failure of its own, never a wrap.
        Map<String, BigInteger> sums = new TreeMap<>();
        for (JsonNode posting : postings) {
            String asset = posting.path("asset").asText();
            String account = posting.path("account").asText();
            JsonNode amount = posting.path("amount_minor");
            if (!amount.isIntegralNumber() || !amount.canConvertToLong()) {
                fail(aggregate.id, sequence, position, "amount of a posting to " + account, "a 64-bit whole number of minor units",
                        amount.toString());
                continue;
            }
            sums.merge(asset, amount.bigIntegerValue(), BigInteger::add);
            if (aggregate.wallet && account.startsWith("player:")) {
                BigInteger after = BigInteger.valueOf(aggregate.balances.getOrDefault(account + " " + asset, 0L)).add(amount.bigIntegerValue());
                if (after.signum() < 0 || after.bitLength() > 63) {
                    fail(aggregate.id, sequence, position, "balance of " + account + " in " + asset, ">= 0 and within 64 bits",
                            after.toString());
                } else {
                    aggregate.balances.put(account + " " + asset, after.longValueExact());
                }
            }
        }
        sums.forEach((asset, sum) -> {
            if (sum.signum() != 0) {
                fail(aggregate.id, sequence, position, "postings of " + asset + " sum to zero", "0", sum.toString());
            }
        });
    }

    private void fail(String aggregateId, long sequence, long position, String check, String expected, String found) {
        failureCount++;
        if (failures.size() < FAILURES_KEPT) {
            failures.add(new Failure(aggregateId, sequence, position, check, expected, found));
        }
    }

    /** The payload's postings (an empty list for events that move nothing), or null when the payload is not JSON. */
    private static JsonNode postings(byte[] payload) {
        try {
            return JSON.readTree(payload).path("postings");
        } catch (IOException unreadable) {
            return null;
        }
    }
}
