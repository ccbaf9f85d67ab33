package io.chipledger.api;

import io.chipledger.api.audit.AuditCommand;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The ChipLedger service: command API, admin API, projections, on one PostgreSQL database. */
// Boot's Kafka auto-configuration is replaced by KafkaConfiguration, which says in one place how the publisher reaches Kafka.
@SpringBootApplication(exclude = KafkaAutoConfiguration.class)
@ComponentScan(basePackages = {"io.chipledger.api", "io.chipledger.projections"})
@ConfigurationPropertiesScan
@EnableScheduling
public class ChipLedgerApplication {

    static {
        // Axon's update checker reports to an outside host at start-up; a ledger calls nobody uninvited.
        System.setProperty("axoniq.update-checker.disabled", "true");
    }

    /** The service; or, with {@code audit …} as its arguments, the audit command line, which starts no service (AuditCommand). */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("audit")) {
            PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
            PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
            System.exit(AuditCommand.run(Arrays.copyOfRange(args, 1, args.length), out, err));
        }
        SpringApplication.run(ChipLedgerApplication.class, args);
    }
}
