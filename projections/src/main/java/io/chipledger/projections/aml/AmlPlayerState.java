package io.chipledger.projections.aml;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the AML engine knows of one player of one partner: the profile score and the movements and
 * factors it was computed from. Immutable; {@link AmlEngine} makes the next one.
 *
 * @param score        the profile score, 0..100, moved by each scored movement
 * @param firstSeen    the first movement's time; null before any
 * @param lastActivity the newest movement's or activity's time; null before any
 * @param country      the player's country as the operator last reported it (ISO 3166-1 alpha-2), or null
 * @param loginCountry the country of the player's last reported login, or null
 * @param scored       how many movements were scored
 * @param history      the movements of the last {@link #HISTORY_KEPT}, oldest first, at most {@value #HISTORY_MAX}
 * @param factors      every factor ever found, by name
 */
public record AmlPlayerState(String partnerId, String playerId, int score, Instant firstSeen, Instant lastActivity, String country,
                             String loginCountry, long scored, List<AmlMovement> history, Map<String, FactorSeen> factors) {

    /**
     * How far back movements are kept: the 30-day statistics plus the last day they are measured
     * against. Older ones no longer count for any rule.
     */
    public static final Duration HISTORY_KEPT = AmlRules.HISTORY.plus(AmlRules.DAY);
    /**
     * At most this many movements are kept per player: a player with more in 31 days is judged by the
     * newest ones, so one busy player costs the engine bounded memory and time.
     */
    public static final int HISTORY_MAX = 2_000;

    /** A factor found for the player: first and last time, how often, and what the last finding said about which transaction. */
    public record FactorSeen(Instant firstSeen, Instant lastSeen, long count, String detail, String transactionId) {
    }

    public AmlPlayerState {
        history = List.copyOf(history);
        factors = Map.copyOf(factors);
        if (score < 0 || score > AmlScoring.SCORE_MAX || history.size() > HISTORY_MAX) {
            throw new IllegalArgumentException("a profile score is 0.." + AmlScoring.SCORE_MAX + " over at most " + HISTORY_MAX + " movements");
        }
    }

    /** A player the engine has not seen. */
    public static AmlPlayerState unseen(String partnerId, String playerId) {
        return new AmlPlayerState(partnerId, playerId, 0, null, null, null, null, 0, List.of(), Map.of());
    }

    /** Whether the movement of this transaction was already counted (a retried event): it is never counted twice. */
    public boolean counted(AmlMovement movement) {
        return history.stream().anyMatch(past -> past.transactionId().equals(movement.transactionId()) && past.kind() == movement.kind());
    }

    /** The history with {@code movement} added in time order, and only what is still within the kept span and count. */
    List<AmlMovement> historyWith(AmlMovement movement) {
        List<AmlMovement> next = new ArrayList<>(history);
        next.add(movement);
        if (history.size() > 0 && movement.at().isBefore(history.get(history.size() - 1).at())) {
            next.sort(Comparator.comparing(AmlMovement::at)); // an event stored late: rare, so the common case appends
        }
        return kept(next);
    }

    /** Of movements in time order, those a state keeps: within {@link #HISTORY_KEPT} of the newest, at most {@value #HISTORY_MAX}. */
    static List<AmlMovement> kept(List<AmlMovement> inOrder) {
        if (inOrder.isEmpty()) {
            return inOrder;
        }
        Instant since = inOrder.get(inOrder.size() - 1).at().minus(HISTORY_KEPT);
        int first = 0;
        while (first < inOrder.size() && inOrder.get(first).at().isBefore(since)) {
            first++;
        }
        first = Math.max(first, inOrder.size() - HISTORY_MAX);
        return inOrder.subList(first, inOrder.size());
    }

    /** This state over {@code movements} (in time order) as its history. */
    AmlPlayerState withHistory(List<AmlMovement> movements) {
        return new AmlPlayerState(partnerId, playerId, score, firstSeen, lastActivity, country, loginCountry, scored, kept(movements), factors);
    }

    /** The factors with each of {@code findings} seen once more at {@code at}. */
    Map<String, FactorSeen> factorsWith(List<AmlScoring.Finding> findings, Instant at, String transactionId) {
        Map<String, FactorSeen> next = new LinkedHashMap<>(factors);
        for (AmlScoring.Finding finding : findings) {
            FactorSeen before = next.get(finding.factor());
            next.put(finding.factor(), before == null
                    ? new FactorSeen(at, at, 1, finding.detail(), transactionId)
                    : new FactorSeen(before.firstSeen(), at.isAfter(before.lastSeen()) ? at : before.lastSeen(), before.count() + 1,
                    finding.detail(), transactionId));
        }
        return next;
    }

    static Instant later(Instant known, Instant seen) {
        return known == null || seen.isAfter(known) ? seen : known;
    }
}
