package io.chipledger.api.aml;

import io.chipledger.core.profile.PlayerActivityRecordedEvent;
import io.chipledger.core.wallet.WalletEvent;
import io.chipledger.projections.aml.AmlEngineProjection;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The AML engine's events are ordered per player, not per aggregate: a player's wallet events and
 * the activities that report their country go to the same segment and thread, in order, so the
 * engine's segments (two, application.yml) never decide about one player at once. The sequence is
 * the wallet's id ({@code partner:player}), so a wallet's parked events are found under it as in
 * every other group.
 */
@Configuration(proxyBeanMethods = false)
class AmlEngineConfiguration {

    @Bean
    ConfigurerModule amlEngineSequencing() {
        return configurer -> configurer.eventProcessing().registerSequencingPolicy(AmlEngineProjection.GROUP, c -> event -> {
            Object payload = event.getPayload();
            if (payload instanceof WalletEvent wallet) {
                return wallet.walletId().toString();
            }
            if (payload instanceof PlayerActivityRecordedEvent activity) {
                return activity.profileId().partnerId() + ":" + activity.profileId().playerId();
            }
            return SequentialPerAggregatePolicy.instance().getSequenceIdentifierFor(event);
        });
    }
}
