package io.chipledger.projections.aml;

import io.chipledger.core.aml.AmlAlert;
import io.chipledger.core.aml.AmlAlertCommands;
import io.chipledger.core.aml.AmlSeverity;
import io.chipledger.projections.aml.AmlScoring.Finding;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The AML engine's decision for one movement (issue 15): every rule over the player's state, the
 * transaction's score, the player's next state, and the alert to raise when the score reaches an
 * alert threshold. A pure function of the state, the movement and the thresholds: the engine's
 * projection and the rescan both run it, and a replay decides the same.
 */
public final class AmlEngine {

    /** A profile score from which the player's risk level is medium, and high. */
    public static final int MEDIUM_RISK_FROM = 40;
    public static final int HIGH_RISK_FROM = 70;

    /**
     * The decision about one movement.
     *
     * @param next     the player's state after it
     * @param findings the factors found, in rule order
     * @param skipped  the rules that could not judge, and why (a history too short)
     * @param score    the transaction's score, 0..100
     * @param alert    the alert it raises, if its score reaches a threshold
     * @param counted  the movement was counted before (an event handed over again): nothing changed
     */
    public record Decision(AmlPlayerState next, List<Finding> findings, List<String> skipped, int score,
                           Optional<AmlAlertCommands.Raise> alert, boolean counted) {
    }

    private AmlEngine() {
    }

    /**
     * The movement scored against {@code state}; a movement already counted changes nothing and
     * raises nothing; a rollback is only kept in the history.
     */
    public static Decision decide(AmlPlayerState state, AmlMovement movement, AmlThresholds thresholds) {
        if (state.counted(movement)) {
            return new Decision(state, List.of(), List.of(), 0, Optional.empty(), true);
        }
        if (!movement.kind().scored()) {
            AmlPlayerState next = new AmlPlayerState(state.partnerId(), state.playerId(), state.score(), state.firstSeen(),
                    AmlPlayerState.later(state.lastActivity(), movement.at()), state.country(), state.loginCountry(), state.scored(),
                    state.historyWith(movement), state.factors());
            return new Decision(next, List.of(), List.of(), 0, Optional.empty(), false);
        }
        List<AmlMovement> history = state.history();
        Instant firstSeen = state.firstSeen() == null ? movement.at() : state.firstSeen();
        List<Finding> findings = new ArrayList<>();
        AmlRules.largeTransaction(movement, thresholds).ifPresent(findings::add);
        AmlRules.amountDeviation(movement, history, thresholds).ifPresent(findings::add);
        List<String> skipped = skippedRules(movement, firstSeen);
        if (skipped.isEmpty()) {
            AmlRules.frequencySpike(movement, history, thresholds).ifPresent(findings::add);
            AmlRules.unusualTime(movement, history, thresholds).ifPresent(findings::add);
        }
        AmlRules.structuring(movement, history, thresholds).ifPresent(findings::add);
        AmlRules.rapidMovement(movement, history, thresholds).ifPresent(findings::add);
        AmlRules.highRiskCountry(state.country(), state.loginCountry(), thresholds).ifPresent(findings::add);

        int score = AmlScoring.score(findings);
        AmlPlayerState next = new AmlPlayerState(state.partnerId(), state.playerId(), AmlScoring.profileScore(state.score(), score),
                firstSeen.isBefore(movement.at()) ? firstSeen : movement.at(), AmlPlayerState.later(state.lastActivity(), movement.at()),
                state.country(), state.loginCountry(), state.scored() + 1, state.historyWith(movement),
                state.factorsWith(findings, movement.at(), movement.transactionId()));
        return new Decision(next, List.copyOf(findings), List.copyOf(skipped), score,
                thresholds.severityOf(score).map(severity -> alert(state, movement, findings, score, severity)), false);
    }

    /**
     * The rules that cannot judge {@code movement} of a player first seen at {@code firstSeen}, each
     * with why: the frequency and time rules, before 7 days of history. Empty when all can.
     */
    public static List<String> skippedRules(AmlMovement movement, Instant firstSeen) {
        return AmlRules.patternSkipped(movement, firstSeen).map(why -> List.of("frequency_spike: " + why, "unusual_time: " + why))
                .orElse(List.of());
    }

    /** The player's state after the operator reported their country or their login's, at {@code at}. */
    public static AmlPlayerState reported(AmlPlayerState state, Instant at, String country, String loginCountry) {
        return new AmlPlayerState(state.partnerId(), state.playerId(), state.score(), state.firstSeen(),
                AmlPlayerState.later(state.lastActivity(), at), country == null ? state.country() : country,
                loginCountry == null ? state.loginCountry() : loginCountry, state.scored(), state.history(), state.factors());
    }

    /** low, medium or high, from the profile score. */
    public static String riskLevel(int profileScore) {
        return profileScore >= HIGH_RISK_FROM ? "high" : profileScore >= MEDIUM_RISK_FROM ? "medium" : "low";
    }

    /**
     * The alert's type is its weightiest factor (the most points; among equals, the first rule), so
     * one transaction raises one alert, under an id made of the transaction and that type.
     */
    private static AmlAlertCommands.Raise alert(AmlPlayerState state, AmlMovement movement, List<Finding> findings, int score,
                                                AmlSeverity severity) {
        String type = findings.stream().max(Comparator.comparingInt(Finding::points).thenComparing(finding -> -findings.indexOf(finding)))
                .map(Finding::factor).orElse("transaction_score");
        List<String> factors = findings.stream().map(Finding::factor).distinct().limit(AmlAlert.FACTORS_MAX).toList();
        return new AmlAlertCommands.Raise(AmlAlert.engineAlertId(state.partnerId(), movement.transactionId(), type), state.partnerId(),
                state.playerId(), type, severity, score, factors, movement.transactionId());
    }
}
