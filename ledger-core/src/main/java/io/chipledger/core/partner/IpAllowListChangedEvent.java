package io.chipledger.core.partner;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * The partner's keys are accepted only from these CIDR blocks from now on (canonical form, at
 * most {@link Partner#IP_ALLOW_LIST_MAX}); empty: from any address. A partner with no such event
 * accepts any address.
 */
@JsonTypeName("partner.IpAllowListChangedEvent")
@Revision("1")
public record IpAllowListChangedEvent(
        String partnerId,
        List<String> cidrs,
        String reason) implements PartnerEvent {
}
