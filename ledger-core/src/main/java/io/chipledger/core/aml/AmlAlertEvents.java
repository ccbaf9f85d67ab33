package io.chipledger.core.aml;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;
import org.axonframework.serialization.Revision;

/** The events of an {@link AmlAlert}; the acting admin key is in each one's metadata ({@code actor}). */
public final class AmlAlertEvents {

    private AmlAlertEvents() {
    }

    @JsonTypeName("aml.AmlAlertRaisedEvent")
    @Revision("1")
    public record Raised(String alertId, String partnerId, String playerId, String type, AmlSeverity severity, int score,
                         List<String> factors, String transactionId) {
    }

    @JsonTypeName("aml.AmlAlertAssignedEvent")
    @Revision("1")
    public record Assigned(String alertId, String assignee) {
    }

    @JsonTypeName("aml.AmlAlertInvestigationStartedEvent")
    @Revision("1")
    public record InvestigationStarted(String alertId) {
    }

    @JsonTypeName("aml.AmlAlertClosedEvent")
    @Revision("1")
    public record Closed(String alertId, String reason) {
    }

    @JsonTypeName("aml.AmlAlertReportedEvent")
    @Revision("1")
    public record Reported(String alertId, String reportReference) {
    }

    @JsonTypeName("aml.AmlAlertNoteAddedEvent")
    @Revision("1")
    public record NoteAdded(String alertId, String note) {
    }
}
