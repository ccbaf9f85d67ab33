package io.chipledger.core.partner;

import com.fasterxml.jackson.annotation.JsonTypeName;

import org.axonframework.serialization.Revision;

/**
 * The partner's wins and rollbacks follow another {@link SettlementPolicy} from now on. A partner
 * with no such event in its history settles under {@link SettlementPolicy#SINGLE_WIN}.
 */
@JsonTypeName("partner.SettlementPolicyChangedEvent")
@Revision("1")
public record SettlementPolicyChangedEvent(
        String partnerId,
        SettlementPolicy policy) implements PartnerEvent {
}
