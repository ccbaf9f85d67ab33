package io.chipledger.api.database;

import com.zaxxer.hikari.HikariDataSource;
import io.chipledger.api.LedgerProperties;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded default: with no {@code SPRING_DATASOURCE_URL} the service starts its own
 * PostgreSQL, keeping the data under {@code chipledger.data-dir} so a restart keeps the ledger.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
class EmbeddedDatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);
    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(LedgerProperties properties) throws IOException {
        Path dataDirectory = properties.dataDir().resolve("postgres").toAbsolutePath();
        Files.createDirectories(dataDirectory);
        log.info("No SPRING_DATASOURCE_URL given: starting embedded PostgreSQL on port {} with data in {}",
                properties.embeddedDatabasePort(), dataDirectory);
        return EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPort(properties.embeddedDatabasePort())
                // The library turns synchronous commits off (its use is throwaway test databases): a command would be
                // answered before its events reached the disk, and a crash of PostgreSQL lost answered commands
                // (DatabaseRestartTest found two). The ledger answers only what is durable.
                .setServerConfig("synchronous_commit", "on")
                // Spring closes it after the DataSource; the library's own hook would race that and hang.
                .setRegisterShutdownHook(false)
                .start();
    }

    /** Closed before the embedded server, because it depends on it. */
    @Bean(destroyMethod = "close")
    DataSource dataSource(EmbeddedPostgres postgres) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        dataSource.setMaximumPoolSize(20);
        return dataSource;
    }
}
