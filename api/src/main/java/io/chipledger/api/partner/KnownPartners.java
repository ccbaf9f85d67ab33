package io.chipledger.api.partner;

import io.chipledger.projections.partner.PartnerAccessProjection;
import io.chipledger.projections.partner.PartnerAccessProjection.PartnerView;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * The admin API's check that the partner a path names was registered: a read for a partner that
 * does not exist is a 404, not an empty list that looks like a partner with nothing yet, and a
 * grant must not open wallets for nobody.
 */
@Component
public class KnownPartners {

    /** A partner's id as the ledger mints it at registration. */
    public static final Pattern PARTNER_ID = Pattern.compile("p_[0-9a-f]{16}");

    private final PartnerAccessProjection partners;

    KnownPartners(PartnerAccessProjection partners) {
        this.partners = partners;
    }

    /** The partner's id, when it was registered; else {@link UnknownPartnerException}. */
    public String require(String partnerId) {
        return partners.partner(partnerId).map(PartnerView::partnerId).orElseThrow(() -> new UnknownPartnerException(partnerId));
    }
}
