package io.chipledger.api.purchase;

import io.chipledger.api.partner.UnknownPartnerException;
import io.chipledger.projections.partner.PartnerAccessProjection;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Issues a partner's receipt signing key (and rotates it: the newest signs). The secret is in this answer only. */
@RestController
@RequestMapping("/admin/v1/partners/{partnerId}/receipt-keys")
class ReceiptKeyAdminController {

    private final ReceiptKeys keys;
    private final PartnerAccessProjection partners;

    ReceiptKeyAdminController(ReceiptKeys keys, PartnerAccessProjection partners) {
        this.keys = keys;
        this.partners = partners;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    ReceiptKeys.IssuedKey issue(@PathVariable String partnerId) {
        partners.partner(partnerId).orElseThrow(() -> new UnknownPartnerException(partnerId));
        return keys.issue(partnerId);
    }
}
