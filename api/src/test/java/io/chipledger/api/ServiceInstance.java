package io.chipledger.api;

import java.io.IOException;
import java.net.ServerSocket;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** A whole ChipLedger service started by a test, on a free port, apart from the shared test context. */
public final class ServiceInstance implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private ServiceInstance(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** A service on its own embedded PostgreSQL, keeping its data in {@code dataDir}. */
    public static ServiceInstance embedded(String dataDir, int databasePort) {
        return start("--spring.datasource.url=", "--chipledger.data-dir=" + dataDir,
                "--chipledger.embedded-database-port=" + databasePort);
    }

    /** A further node on the database of an embedded instance. */
    public static ServiceInstance onDatabaseOf(int databasePort) {
        return start("--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + databasePort + "/postgres",
                "--spring.datasource.username=postgres", "--spring.datasource.password=");
    }

    private static ServiceInstance start(String... database) {
        // No ClickHouse and no Kafka: this service has a store of its own, and its postings in the shared ClickHouse
        // database would be sums the audit of the tests' store cannot find in it.
        String[] arguments = new String[database.length + 4];
        arguments[0] = "--server.port=0";
        arguments[1] = "--chipledger.admin-key=" + LedgerClient.ADMIN_KEY;
        arguments[2] = "--chipledger.clickhouse.url=";
        arguments[3] = "--chipledger.kafka.embedded=false";
        System.arraycopy(database, 0, arguments, 4, database.length);
        // The test profile, as the tests' own context: the same quiet logs for failures caused on purpose.
        return new ServiceInstance(new SpringApplicationBuilder(ChipLedgerApplication.class).profiles("test").run(arguments));
    }

    public LedgerClient client() {
        return new LedgerClient(((ServletWebServerApplicationContext) context).getWebServer().getPort());
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }

    @Override
    public void close() {
        context.close();
    }
}
