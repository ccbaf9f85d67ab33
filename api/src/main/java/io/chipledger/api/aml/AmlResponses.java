package io.chipledger.api.aml;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.chipledger.core.aml.AmlAlertStatus;
import io.chipledger.core.aml.AmlSeverity;
import io.chipledger.projections.aml.AmlAlertProjection.AlertView;
import io.chipledger.projections.aml.AmlAlertProjection.StepView;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The answers of the AML admin API (issue 15); times are ISO-8601 UTC, amounts decimal strings in the currency's scale. */
final class AmlResponses {

    private AmlResponses() {
    }

    /**
     * One alert. {@code transaction_id} is the ledger's id of the transaction the engine scored (null
     * for an investigator's alert); {@code raised_by} is {@code system:aml-engine} or the admin key's actor.
     */
    record Alert(String alertId, String partnerId, String playerId, String type, AmlSeverity severity, int score, List<String> factors,
                 String transactionId, AmlAlertStatus status, String assignee, String reportReference, Instant raisedAt, String raisedBy,
                 Instant updatedAt) {

        static Alert of(AlertView view) {
            return new Alert(view.alertId(), view.partnerId(), view.playerId(), view.type(), view.severity(), view.score(),
                    view.factors(), view.transactionId(), view.status(), view.assignee(), view.reportReference(), view.raisedAt(),
                    view.raisedBy(), view.updatedAt());
        }
    }

    /** A page of alerts; {@code next_cursor} is null on the last page. */
    record AlertPage(List<Alert> alerts, String nextCursor) {
    }

    /** One step of an investigation: raised, assigned, investigation_started, closed, reported or note, who took it and its text. */
    record Step(long sequence, Instant at, String actor, String step, String detail) {
    }

    /** An alert and every step of its investigation, oldest first. */
    record AlertDetail(Alert alert, List<Step> steps) {

        static AlertDetail of(AlertView view, List<StepView> steps) {
            return new AlertDetail(Alert.of(view), steps.stream()
                    .map(step -> new Step(step.sequence(), step.at(), step.actor(), step.step(), step.detail())).toList());
        }
    }

    /** Count and sum of a player's movements of one kind and currency over a window. */
    record Figure(String currency, long count, String amount) {
    }

    /** A window's deposits and withdrawals, per currency. */
    record Window(List<Figure> deposits, List<Figure> withdrawals) {
    }

    /** A factor found for the player: first and last time, how often, and what the last finding said about which transaction. */
    record Factor(String factor, Instant firstSeen, Instant lastSeen, long count, String detail, String transactionId) {
    }

    /**
     * A player's risk profile as of the engine's last batch: {@code score} 0-100 moved by
     * {@code old * 0.7 + new * 0.3} per scored movement; {@code risk_level} low (under 40), medium
     * (40-69) or high (70 and over); {@code last_7_days} and {@code last_30_days} counted back from
     * {@code as_of}, the time of the request; {@code factors} by name; {@code rules_skipped} the
     * rules that could not judge the player's last movement, and why (a history under 7 days).
     */
    record Profile(String partnerId, String playerId, int score, @Schema(allowableValues = {"low", "medium", "high"}) String riskLevel, Instant firstSeenAt, Instant lastActivityAt,
                   String country, String loginCountry, long transactionsScored, Instant asOf,
                   @JsonProperty("last_7_days") Window last7Days, @JsonProperty("last_30_days") Window last30Days,
                   List<Factor> factors, List<String> rulesSkipped) {
    }

    /** How a rescan went, and the alerts it found (the first 500 listed; the counts cover them all). */
    record RescanReport(String partnerId, Instant from, Instant to, boolean raise, long eventsRead, long movementsScored, long alerts,
                        long raisedAlready, long raisedNow, Map<String, Long> bySeverity, Map<String, Long> byType,
                        List<RescanAlert> listed) {

        static RescanReport of(String partnerId, Instant from, Instant to, boolean raise, AmlRescan.Outcome outcome) {
            return new RescanReport(partnerId, from, to, raise, outcome.eventsRead(), outcome.scored(), outcome.alerts(),
                    outcome.raisedAlready(), outcome.enqueued(), outcome.bySeverity(), outcome.byType(),
                    outcome.wouldRaise().stream().map(found -> new RescanAlert(found.alert().alertId(), found.alert().partnerId(),
                            found.alert().playerId(), found.alert().type(), found.alert().severity(), found.alert().score(),
                            found.alert().factors(), found.alert().transactionId(), found.at(), found.raisedAlready())).toList());
        }
    }

    /** An alert a rescan found: {@code raised_already} when the ledger holds it. */
    record RescanAlert(String alertId, String partnerId, String playerId, String type, AmlSeverity severity, int score, List<String> factors,
                       String transactionId, Instant at, boolean raisedAlready) {
    }
}
