package io.chipledger.api.purchase;

import static io.chipledger.core.admin.AdminRole.OPS;
import static io.chipledger.core.admin.AdminRole.SUPER;

import io.chipledger.api.partner.KnownPartners;
import io.chipledger.api.security.AdminAccess;
import io.chipledger.api.security.AdminPrincipal;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
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
    private final KnownPartners partners;

    ReceiptKeyAdminController(ReceiptKeys keys, KnownPartners partners) {
        this.keys = keys;
        this.partners = partners;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @AdminAccess({SUPER, OPS})
    ReceiptKeys.IssuedKey issueReceiptKey(@AuthenticationPrincipal AdminPrincipal admin, @PathVariable String partnerId) {
        return keys.issue(partners.require(partnerId), admin.actor());
    }
}
