package io.chipledger.core.partner;

import com.fasterxml.jackson.annotation.JsonTypeName;

import org.axonframework.serialization.Revision;

/** A partner was registered and is active. */
@JsonTypeName("partner.PartnerRegisteredEvent")
@Revision("1")
public record PartnerRegisteredEvent(
        String partnerId,
        String name,
        PartnerType type,
        int commissionRateBasisPoints,
        String contactEmail) implements PartnerEvent {
}
