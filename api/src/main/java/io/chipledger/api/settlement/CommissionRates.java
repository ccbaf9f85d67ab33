package io.chipledger.api.settlement;

import io.chipledger.core.partner.PartnerRegisteredEvent;
import io.chipledger.core.partner.PartnerUpdatedEvent;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * A partner's commission rates over time, from its own events (registration, then each update):
 * the ledger's history, not a table anyone can edit. A rate applies from the second its event was
 * recorded in, the precision of the revenue it is applied to.
 */
@Component
class CommissionRates {

    /** The rate in force over {@code [from, to)}. */
    record Stretch(Instant from, Instant to, int rateBasisPoints) {
    }

    private final EventStore events;

    CommissionRates(EventStore events) {
        this.events = events;
    }

    /** The stretches of {@code [from, to)}, one per rate in force, in order; the first rate covers any time before registration. */
    List<Stretch> over(String partnerId, Instant from, Instant to) {
        List<Instant> changes = new ArrayList<>();
        List<Integer> rates = new ArrayList<>();
        events.readEvents(partnerId).asStream().forEach((DomainEventMessage<?> event) -> {
            Integer rate = event.getPayload() instanceof PartnerRegisteredEvent registered ? registered.commissionRateBasisPoints()
                    : event.getPayload() instanceof PartnerUpdatedEvent updated ? updated.commissionRateBasisPoints() : null;
            if (rate != null) {
                changes.add(event.getTimestamp().truncatedTo(ChronoUnit.SECONDS));
                rates.add(rate);
            }
        });
        if (rates.isEmpty()) {
            throw new IllegalStateException("partner " + partnerId + " has no registration in the store");
        }
        List<Stretch> stretches = new ArrayList<>();
        Instant start = from;
        int rate = rates.get(0);
        for (int index = 0; index < changes.size(); index++) {
            Instant change = changes.get(index);
            if (!change.isAfter(start)) {
                rate = rates.get(index);
            } else if (change.isBefore(to)) {
                if (rates.get(index) != rate) {
                    stretches.add(new Stretch(start, change, rate));
                    start = change;
                }
                rate = rates.get(index);
            }
        }
        stretches.add(new Stretch(start, to, rate));
        return stretches;
    }
}
