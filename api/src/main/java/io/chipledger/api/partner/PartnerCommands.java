package io.chipledger.api.partner;

import io.chipledger.api.admin.AdminCommands;
import io.chipledger.api.security.AdminPrincipal;
import io.chipledger.api.wallet.WalletCommands.Origin;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.stereotype.Component;

/** Sends a partner's commands as an admin: the one place a partner that was never registered becomes the caller's 404. */
@Component
class PartnerCommands {

    private final AdminCommands commands;

    PartnerCommands(AdminCommands commands) {
        this.commands = commands;
    }

    void send(AdminPrincipal admin, String partnerId, HttpServletRequest http, Object command) {
        try {
            commands.send(Origin.admin(admin, partnerId, http), command);
        } catch (AggregateNotFoundException unknown) {
            throw new UnknownPartnerException(String.valueOf(unknown.getAggregateIdentifier()));
        }
    }
}
