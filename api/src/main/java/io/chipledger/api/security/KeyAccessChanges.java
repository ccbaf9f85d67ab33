package io.chipledger.api.security;

import io.chipledger.core.admin.AdminKeyRevokedEvent;
import io.chipledger.core.partner.ApiKeyRevokedEvent;
import io.chipledger.core.partner.PartnerSuspendedEvent;
import io.chipledger.core.partner.SettlementPolicyChangedEvent;
import io.chipledger.projections.admin.AdminAccessProjection;
import io.chipledger.projections.partner.PartnerAccessProjection;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Empties this node's {@link KeyCache} when a change to a key's access commits here, before the
 * command that made it answers: a revoked key, a suspended partner or a changed settlement
 * policy is refused or read anew from the very next request on this node. Handlers of the access
 * read models' own subscribing processing groups, so they run in the command's unit of work; other
 * nodes hear of the change through the database's notification (V23).
 */
final class KeyAccessChanges {

    private KeyAccessChanges() {
    }

    @Component
    @ProcessingGroup(PartnerAccessProjection.GROUP)
    static class PartnerKeys {

        private final KeyCache cache;

        PartnerKeys(KeyCache cache) {
            this.cache = cache;
        }

        @EventHandler
        void on(ApiKeyRevokedEvent event) {
            cache.forgetOnCommit();
        }

        @EventHandler
        void on(PartnerSuspendedEvent event) {
            cache.forgetOnCommit();
        }

        @EventHandler
        void on(SettlementPolicyChangedEvent event) {
            cache.forgetOnCommit();
        }
    }

    @Component
    @ProcessingGroup(AdminAccessProjection.GROUP)
    static class AdminKeys {

        private final KeyCache cache;

        AdminKeys(KeyCache cache) {
            this.cache = cache;
        }

        @EventHandler
        void on(AdminKeyRevokedEvent event) {
            cache.forgetOnCommit();
        }
    }
}
