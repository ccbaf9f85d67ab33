package io.chipledger.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The ChipLedger service: command API, admin API, projections, on one PostgreSQL database. */
@SpringBootApplication
@ComponentScan(basePackages = {"io.chipledger.api", "io.chipledger.projections"})
@ConfigurationPropertiesScan
@EnableScheduling
public class ChipLedgerApplication {

    static {
        // Axon's update checker reports to an outside host at start-up; a ledger calls nobody uninvited.
        System.setProperty("axoniq.update-checker.disabled", "true");
    }

    public static void main(String[] args) {
        SpringApplication.run(ChipLedgerApplication.class, args);
    }
}
