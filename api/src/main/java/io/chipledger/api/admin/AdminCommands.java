package io.chipledger.api.admin;

import io.chipledger.api.wallet.WalletCommands.Origin;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

/**
 * Sends a staff member's command that is not a wallet command (partners, keys) with who sent it
 * from where in its metadata, so the events it causes say which admin key acted.
 */
@Component
public class AdminCommands {

    private final CommandGateway commandGateway;

    AdminCommands(CommandGateway commandGateway) {
        this.commandGateway = commandGateway;
    }

    /** Sends and waits until the events are stored; a refusal is thrown as the aggregate threw it. */
    public void send(Origin origin, Object command) {
        commandGateway.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(origin.metaData()));
    }
}
