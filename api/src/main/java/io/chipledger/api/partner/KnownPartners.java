package io.chipledger.api.partner;

import io.chipledger.projections.partner.PartnerAccessProjection;
import io.chipledger.projections.partner.PartnerAccessProjection.PartnerView;
import org.springframework.stereotype.Component;

/**
 * The admin API's check that the partner a path names was registered: a read for a partner that
 * does not exist is a 404, not an empty list that looks like a partner with nothing yet, and a
 * grant must not open wallets for nobody.
 */
@Component
public class KnownPartners {

    private final PartnerAccessProjection partners;

    KnownPartners(PartnerAccessProjection partners) {
        this.partners = partners;
    }

    /** The partner's id, when it was registered; else {@link UnknownPartnerException}. */
    public String require(String partnerId) {
        return partners.partner(partnerId).map(PartnerView::partnerId).orElseThrow(() -> new UnknownPartnerException(partnerId));
    }
}
