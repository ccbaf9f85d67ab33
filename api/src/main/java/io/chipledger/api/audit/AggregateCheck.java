package io.chipledger.api.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chipledger.core.audit.EventHashChain;
import io.chipledger.core.audit.SnapshotSeal;
import java.io.IOException;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The checks of one aggregate's events, in sequence order, with what is carried from one event to
 * the next: the sequence runs from 0 without a gap (or from where an export of a period starts);
 * every stored link is the one its predecessor and its row give, under the chain version of its
 * position; every event's postings sum to zero per asset; no wallet account goes below zero; a
 * snapshot is sealed, names its event's link, and holds the balances the events give there; a
 * reward pool's every draw recomputes ({@link DrawCheck}); and the chain ends at its anchored head.
 */
final class AggregateCheck {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A wallet's aggregate id: {@code <partner id>:<player id>}. Decided from the id, which the chain covers, not the type column. */
    private static final Pattern WALLET_ID = Pattern.compile("p_[0-9a-f]{16}:.+");
    /** A player's profile: {@code profile:<partner id>:<player id>}. */
    private static final Pattern PROFILE_ID = Pattern.compile("profile:p_[0-9a-f]{16}:.+");

    final String id;
    final boolean wallet;
    final boolean profile;
    /** The head {@code event_chain_head} holds for the aggregate (null: none); set by the reader of the database. */
    AuditExport.ChainHead anchoredHead;
    private final Failures failures;
    private final long version2From;
    /** False for an export of a period that starts after the aggregate's first event: its balances before are unknown. */
    private final boolean balancesKnown;
    private long expectedSequence;
    private String previousHash;
    private long lastPosition = -1;
    /** Player account balances, by "account asset", in minor units. */
    final Map<String, Long> balances = new HashMap<>();
    /** By asset: the sequence of the newest event whose balances_after lists it (what the balance read model's row carries). */
    final Map<String, Long> assetSequences = new TreeMap<>();
    /** By asset: the global position of that event. */
    final Map<String, Long> assetPositions = new TreeMap<>();
    /** The wallet's status as its events set it (null before it opened). */
    private String status;
    /** A reward pool's draws, recomputed (null for every other aggregate). */
    private final DrawCheck draws;

    AggregateCheck(String id, Failures failures, long version2From, long firstSequence, String previousHash) {
        this.id = id;
        this.wallet = WALLET_ID.matcher(id).matches();
        this.profile = PROFILE_ID.matcher(id).matches();
        this.failures = failures;
        this.version2From = version2From;
        this.expectedSequence = firstSequence;
        this.previousHash = previousHash;
        this.balancesKnown = firstSequence == 0;
        this.draws = id.startsWith("reward-pool:") ? new DrawCheck() : null;
    }

    long lastSequence() {
        return expectedSequence - 1;
    }

    String lastHash() {
        return previousHash;
    }

    long lastPosition() {
        return lastPosition;
    }

    /** Checks the next event; answers its payload as JSON (null when it does not read as JSON). */
    JsonNode accept(StoredEvent event) {
        long sequence = event.sequence();
        long position = event.globalPosition();
        // The position decides the chain version and the checkpoint that seals the event: it must be one the store could give.
        if (position < 1) {
            fail(sequence, position, "global position", "1 or more", Long.toString(position));
        } else if (position <= lastPosition) {
            fail(sequence, position, "global position rises with the sequence", "more than " + lastPosition, Long.toString(position));
        }
        lastPosition = Math.max(lastPosition, position);
        if (sequence != expectedSequence) {
            fail(sequence, position, "sequence", Long.toString(expectedSequence), Long.toString(sequence));
        }
        expectedSequence = sequence + 1;
        int version = position >= version2From ? 2 : 1;
        String stored = version == 2 ? event.eventHash() : event.storedHash();
        String expected = EventHashChain.next(version, previousHash, event.chainRow());
        if (!expected.equals(stored)) {
            fail(sequence, position, "hash chain (version " + version + ")", expected, String.valueOf(stored));
        }
        // The stored link goes on: one altered event is one failure, not every event after it.
        previousHash = stored == null ? expected : stored;
        JsonNode payload = json(event.payload());
        if (payload == null) {
            fail(sequence, position, "payload", "a JSON object", "a payload that does not read as JSON");
            return null;
        }
        postings(payload.path("postings"), sequence, position);
        JsonNode balancesAfter = payload.path("balances_after");
        balancesAfter.fieldNames().forEachRemaining(asset -> {
            assetSequences.put(asset, sequence);
            assetPositions.put(asset, position);
            // The wallet loads its balances from these, not from the postings: they must be what the postings give.
            if (wallet && balancesKnown) {
                String stated = balancesAfter.path(asset).path("available").asText() + "/" + balancesAfter.path(asset).path("reserved").asText();
                String replayed = balances.getOrDefault("player:available " + asset, 0L) + "/" + balances.getOrDefault("player:reserved " + asset, 0L);
                if (!stated.equals(replayed)) {
                    fail(sequence, position, "balances_after of " + asset + " (available/reserved) as its postings give them", replayed, stated);
                }
            }
        });
        status(event.payloadType());
        if (draws != null) {
            draws.accept(event.payloadType(), payload, (check, should, was) -> fail(sequence, position, check, should, was));
        }
        return payload;
    }

    /** The wallet's status as its events set it. */
    private void status(String payloadType) {
        switch (payloadType) {
            case "wallet.WalletOpenedEvent", "wallet.WalletUnfrozenEvent" -> status = "ACTIVE";
            case "wallet.WalletFrozenEvent" -> status = "FROZEN";
            default -> {
            }
        }
    }

    private void postings(JsonNode postings, long sequence, long position) {
        // Exact arithmetic: an amount that does not fit 64 bits, or a sum that overflows, is a failure of its own, never a wrap.
        Map<String, BigInteger> sums = new TreeMap<>();
        for (JsonNode posting : postings) {
            String asset = posting.path("asset").asText();
            String account = posting.path("account").asText();
            JsonNode amount = posting.path("amount_minor");
            if (!amount.isIntegralNumber() || !amount.canConvertToLong()) {
                fail(sequence, position, "amount of a posting to " + account, "a 64-bit whole number of minor units", amount.toString());
                continue;
            }
            sums.merge(asset, amount.bigIntegerValue(), BigInteger::add);
            if (wallet && account.startsWith("player:") && balancesKnown) {
                BigInteger after = BigInteger.valueOf(balances.getOrDefault(account + " " + asset, 0L)).add(amount.bigIntegerValue());
                if (after.signum() < 0 || after.bitLength() > 63) {
                    fail(sequence, position, "balance of " + account + " in " + asset, ">= 0 and within 64 bits", after.toString());
                } else {
                    balances.put(account + " " + asset, after.longValueExact());
                }
            }
        }
        sums.forEach((asset, sum) -> {
            if (sum.signum() != 0) {
                fail(sequence, position, "postings of " + asset + " sum to zero", "0", sum.toString());
            }
        });
    }

    /** A snapshot taken at the event just accepted: sealed, naming that event's link, and (a wallet's) holding its balances. */
    void snapshot(StoreSnapshot.StoredSnapshot snapshot, long sequence, long position) {
        JsonNode seals = snapshot.metaData() == null ? null : json(snapshot.metaData());
        String chainHash = seals == null ? null : seals.path(SnapshotSeal.CHAIN_HASH_KEY).asText(null);
        String seal = seals == null ? null : seals.path(SnapshotSeal.SEAL_KEY).asText(null);
        if (chainHash == null || seal == null) {
            // Stored before snapshots were sealed: the service does not use it either.
            return;
        }
        if (!chainHash.equals(previousHash)) {
            fail(sequence, position, "snapshot's chain hash", previousHash, chainHash);
        }
        // A keyed seal needs the service's key, which an auditor does not hold: its link, status and balances are still checked.
        if (!seal.startsWith(SnapshotSeal.KEYED_PREFIX)) {
            String expectedSeal = SnapshotSeal.seal(id, sequence, chainHash, snapshot.payloadType(), snapshot.payloadRevision(),
                    snapshot.payload());
            if (!expectedSeal.equals(seal)) {
                fail(sequence, position, "snapshot's seal", expectedSeal, seal);
            }
        }
        JsonNode state = json(snapshot.payload());
        if (wallet && balancesKnown && state != null) {
            String expected = status + " " + walletBalances();
            String found = state.path("status").asText(null) + " " + snapshotBalances(state.path("balances"));
            if (!expected.equals(found)) {
                fail(sequence, position, "snapshot's status and balances", expected, found);
            }
        }
    }

    /** The player balances the events give, by asset: {available, reserved}. */
    Map<String, long[]> walletBalanceArrays() {
        Map<String, long[]> byAsset = new TreeMap<>();
        balances.forEach((key, amount) -> {
            String[] accountAndAsset = key.split(" ", 2);
            long[] pair = byAsset.computeIfAbsent(accountAndAsset[1], asset -> new long[2]);
            pair[accountAndAsset[0].equals("player:reserved") ? 1 : 0] += amount;
        });
        return byAsset;
    }

    private Map<String, String> walletBalances() {
        Map<String, String> shown = new TreeMap<>();
        walletBalanceArrays().forEach((asset, pair) -> {
            if (pair[0] != 0 || pair[1] != 0) {
                shown.put(asset, pair[0] + "/" + pair[1]);
            }
        });
        return shown;
    }

    private static Map<String, String> snapshotBalances(JsonNode balances) {
        Map<String, String> shown = new TreeMap<>();
        for (String asset : new TreeSet<>(iterable(balances))) {
            JsonNode balance = balances.path(asset);
            long available = balance.path("available").asLong();
            long reserved = balance.path("reserved").asLong();
            if (available != 0 || reserved != 0) {
                shown.put(asset, available + "/" + reserved);
            }
        }
        return shown;
    }

    private static java.util.List<String> iterable(JsonNode object) {
        java.util.List<String> names = new java.util.ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The chain ends where its anchor says: the anchored head kept apart from the events. */
    void endsAt(AuditExport.ChainHead head, String source) {
        AuditExport.ChainHead last = new AuditExport.ChainHead(lastSequence(), previousHash);
        if (head == null) {
            fail(lastSequence(), lastPosition, "chain head in " + source, last.toString(), "none");
        } else if (!head.equals(last)) {
            fail(head.sequence(), lastPosition, "chain head in " + source + " (events after the last one stored were removed, "
                    + "or the head was altered)", head.toString(), last.toString());
        }
    }

    void fail(long sequence, long position, String check, String expected, String found) {
        failures.add(id, sequence, position, check, expected, found);
    }

    private static JsonNode json(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException unreadable) {
            return null;
        }
    }
}
