package io.chipledger.core.aml;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The commands of an {@link AmlAlert}: raising it, then each step of its workflow. */
public final class AmlAlertCommands {

    private AmlAlertCommands() {
    }

    /**
     * Raise an alert about one player: by the engine for a transaction ({@code transactionId}, its
     * id made by {@link AmlAlert#engineAlertId}, so one transaction never raises two alerts of a
     * type), or by an investigator ({@code transactionId} null).
     *
     * @param score   0..100, the engine's score of the transaction (an investigator's own judgement otherwise)
     * @param factors the rule findings behind it, e.g. {@code large_transaction}, at most {@value AmlAlert#FACTORS_MAX}
     */
    public record Raise(@TargetAggregateIdentifier String alertId, String partnerId, String playerId, String type, AmlSeverity severity,
                        int score, List<String> factors, String transactionId) {
    }

    /** Give the alert to an investigator (an admin key's actor); allowed until it is final. */
    public record Assign(@TargetAggregateIdentifier String alertId, String assignee) {
    }

    /** NEW → INVESTIGATING. */
    public record StartInvestigation(@TargetAggregateIdentifier String alertId) {
    }

    /** INVESTIGATING → CLOSED, with why nothing is reported. */
    public record Close(@TargetAggregateIdentifier String alertId, String reason) {
    }

    /** INVESTIGATING → REPORTED, with the reference of the report filed. */
    public record Report(@TargetAggregateIdentifier String alertId, String reportReference) {
    }

    /** An investigator's note; allowed in every status (a final alert can still be annotated). */
    public record AddNote(@TargetAggregateIdentifier String alertId, String note) {
    }
}
