package io.chipledger.core.aml;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.chipledger.core.ledger.RuleViolation;
import io.chipledger.core.ledger.RuleViolation.Rule;
import java.util.Map;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/**
 * An anti-money-laundering alert about one player (issue 15) and its investigation: raised by the
 * engine for a transaction or by an investigator, then NEW → INVESTIGATING → CLOSED or REPORTED
 * ({@link AmlAlertStatus}); assigned and annotated along the way. A step the workflow does not
 * allow is refused ({@link Rule#STATUS_CONFLICT}, a 409), and every step is an event whose
 * metadata names the investigator.
 */
@JsonTypeName("aml.AmlAlert")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class AmlAlert {

    /** Limits that keep one alert's events small: a finding's name, how many, a note's and a reason's length, in characters (code points). */
    public static final int FACTORS_MAX = 20;
    public static final int TEXT_LENGTH_MAX = 2_000;
    public static final int NAME_LENGTH_MAX = 64;
    public static final int SCORE_MAX = 100;
    /** The ids alerts have: the engine's {@code aml:<partner>:<transaction>:<type>}, an investigator's {@code aml:manual:<uuid>}. */
    public static final Pattern ID = Pattern.compile("aml:[A-Za-z0-9_.:\\-]{1,124}");

    @AggregateIdentifier
    private String alertId;
    private AmlAlertStatus status;
    private String assignee;

    protected AmlAlert() {
        // Axon rebuilds an alert from its events.
    }

    @CommandHandler
    public AmlAlert(AmlAlertCommands.Raise command) {
        require(command.alertId() != null && ID.matcher(command.alertId()).matches(), "an alert's id matches " + ID);
        require(name(command.type()), "an alert's type is 1-" + NAME_LENGTH_MAX + " characters");
        require(command.severity() != null, "an alert has a severity");
        require(command.score() >= 0 && command.score() <= SCORE_MAX, "an alert's score is 0.." + SCORE_MAX);
        require(command.factors() != null && command.factors().size() <= FACTORS_MAX && command.factors().stream().allMatch(AmlAlert::name),
                "an alert names at most " + FACTORS_MAX + " factors of 1-" + NAME_LENGTH_MAX + " characters");
        require(command.transactionId() == null
                        || command.alertId().equals(engineAlertId(command.partnerId(), command.transactionId(), command.type())),
                "an alert about a transaction has the id of its transaction and type");
        apply(new AmlAlertEvents.Raised(command.alertId(), command.partnerId(), command.playerId(), command.type(), command.severity(),
                command.score(), command.factors(), command.transactionId()));
    }

    @CommandHandler
    void handle(AmlAlertCommands.Assign command) {
        require(name(command.assignee()), "an assignee is 1-" + NAME_LENGTH_MAX + " characters");
        requireOpen("assigned");
        if (!command.assignee().equals(assignee)) {
            apply(new AmlAlertEvents.Assigned(alertId, command.assignee()));
        }
    }

    @CommandHandler
    void handle(AmlAlertCommands.StartInvestigation command) {
        requireStatus(AmlAlertStatus.NEW, "investigated");
        apply(new AmlAlertEvents.InvestigationStarted(alertId));
    }

    @CommandHandler
    void handle(AmlAlertCommands.Close command) {
        require(text(command.reason()), "closing says why, in 1-" + TEXT_LENGTH_MAX + " characters");
        requireStatus(AmlAlertStatus.INVESTIGATING, "closed");
        apply(new AmlAlertEvents.Closed(alertId, command.reason()));
    }

    @CommandHandler
    void handle(AmlAlertCommands.Report command) {
        require(name(command.reportReference()), "a report reference is 1-" + NAME_LENGTH_MAX + " characters");
        requireStatus(AmlAlertStatus.INVESTIGATING, "reported");
        apply(new AmlAlertEvents.Reported(alertId, command.reportReference()));
    }

    @CommandHandler
    void handle(AmlAlertCommands.AddNote command) {
        require(text(command.note()), "a note is 1-" + TEXT_LENGTH_MAX + " characters");
        apply(new AmlAlertEvents.NoteAdded(alertId, command.note()));
    }

    @EventSourcingHandler
    void on(AmlAlertEvents.Raised event) {
        alertId = event.alertId();
        status = AmlAlertStatus.NEW;
    }

    @EventSourcingHandler
    void on(AmlAlertEvents.Assigned event) {
        assignee = event.assignee();
    }

    @EventSourcingHandler
    void on(AmlAlertEvents.InvestigationStarted event) {
        status = AmlAlertStatus.INVESTIGATING;
    }

    @EventSourcingHandler
    void on(AmlAlertEvents.Closed event) {
        status = AmlAlertStatus.CLOSED;
    }

    @EventSourcingHandler
    void on(AmlAlertEvents.Reported event) {
        status = AmlAlertStatus.REPORTED;
    }

    /** The id of the engine's alert of {@code type} about a transaction: one per transaction and type, whatever replays. */
    public static String engineAlertId(String partnerId, String transactionId, String type) {
        return "aml:" + partnerId + ":" + transactionId + ":" + type;
    }

    private void requireStatus(AmlAlertStatus expected, String verb) {
        if (status != expected) {
            throw conflict(verb, expected.name());
        }
    }

    private void requireOpen(String verb) {
        if (status.isFinal()) {
            throw conflict(verb, "NEW or INVESTIGATING");
        }
    }

    private RuleViolation conflict(String verb, String expected) {
        return new RuleViolation(Rule.STATUS_CONFLICT, "alert " + alertId + " is " + status + ": it can be " + verb + " only when "
                + expected, Map.of("alert_status", status.name()));
    }

    private static boolean name(String value) {
        return value != null && !value.isBlank() && value.codePointCount(0, value.length()) <= NAME_LENGTH_MAX;
    }

    private static boolean text(String value) {
        return value != null && !value.isBlank() && value.codePointCount(0, value.length()) <= TEXT_LENGTH_MAX;
    }

    private static void require(boolean holds, String otherwise) {
        if (!holds) {
            throw new IllegalArgumentException(otherwise);
        }
    }
}
