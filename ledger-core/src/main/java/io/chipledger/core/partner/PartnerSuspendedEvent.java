package io.chipledger.core.partner;

import com.fasterxml.jackson.annotation.JsonTypeName;

import org.axonframework.serialization.Revision;

/** The partner's keys are refused from now on. */
@JsonTypeName("partner.PartnerSuspendedEvent")
@Revision("1")
public record PartnerSuspendedEvent(
        String partnerId,
        String reason) implements PartnerEvent {
}
