package io.chipledger.api.partner;

import io.chipledger.api.problem.InvalidRequestException;
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

    /**
     * The partner a path names, when it was registered; else 404 {@code unknown-partner}. A text
     * that is not a partner id ({@link #PARTNER_ID}) is not even looked up.
     */
    public String require(String partnerId) {
        if (partnerId == null || !PARTNER_ID.matcher(partnerId).matches()) {
            throw new UnknownPartnerException(partnerId);
        }
        return partners.partner(partnerId).map(PartnerView::partnerId).orElseThrow(() -> new UnknownPartnerException(partnerId));
    }

    /**
     * The partner a request field names: 400 {@code invalid-request} naming {@code field} when it is
     * missing or not a partner id (nothing is looked up), 404 {@code unknown-partner} when no such
     * partner was registered.
     */
    public String requireField(String field, String partnerId) {
        if (partnerId == null || partnerId.isBlank()) {
            throw new InvalidRequestException(field, field + " is required");
        }
        if (!PARTNER_ID.matcher(partnerId).matches()) {
            throw new InvalidRequestException(field, field + " must be a partner id: p_ and 16 hex digits");
        }
        return require(partnerId);
    }
}
