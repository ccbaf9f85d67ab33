package io.chipledger.core.admin;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.chipledger.core.ledger.RuleViolation;
import io.chipledger.core.ledger.RuleViolation.Rule;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/**
 * One staff member's admin key: issued once with a name and roles, revoked once. Only the key's
 * prefix and the hash of its secret are ever recorded; the acting key of each change is in the
 * events' metadata, so the history says which super issued or revoked whom.
 */
@JsonTypeName("admin.AdminKey")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class AdminKey {

    @AggregateIdentifier
    private String keyId;
    private boolean revoked;

    protected AdminKey() {
        // Axon rebuilds a key from its events.
    }

    @CommandHandler
    public AdminKey(IssueAdminKeyCommand command) {
        if (command.roles() == null || command.roles().isEmpty()) {
            throw new IllegalArgumentException("an admin key needs at least one role");
        }
        apply(new AdminKeyIssuedEvent(command.keyId(), command.name(), command.prefix(), command.secretHash(),
                Set.copyOf(command.roles()), command.expiresAt()));
    }

    @CommandHandler
    public void handle(RevokeAdminKeyCommand command) {
        if (revoked) {
            throw new RuleViolation(Rule.STATUS_CONFLICT, "admin key " + keyId + " is already revoked");
        }
        apply(new AdminKeyRevokedEvent(keyId));
    }

    @EventSourcingHandler
    void on(AdminKeyIssuedEvent event) {
        keyId = event.keyId();
    }

    @EventSourcingHandler
    void on(AdminKeyRevokedEvent event) {
        revoked = true;
    }
}
