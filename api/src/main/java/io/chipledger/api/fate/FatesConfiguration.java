package io.chipledger.api.fate;

import io.chipledger.core.wallet.Fates;
import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Gives the wallet's command handlers their {@link Fates}: Axon resolves a handler's parameter from its registered components. */
@Configuration(proxyBeanMethods = false)
class FatesConfiguration {

    @Bean
    ConfigurerModule walletFates(LedgerFates fates) {
        return configurer -> configurer.registerComponent(Fates.class, configuration -> fates);
    }
}
