package io.chipledger.api;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** A whole ChipLedger service started by a test, on a free port, apart from the shared test context. */
public final class ServiceInstance implements AutoCloseable {

    private static final Set<Integer> GIVEN_PORTS = new HashSet<>();

    /**
     * No ClickHouse and no Kafka: such a service has a store of its own, and its postings in the
     * shared ClickHouse database would be sums the audit of the tests' store cannot find in it.
     */
    private static final String[] WITHOUT_DELIVERIES = {"--chipledger.clickhouse.url=", "--chipledger.kafka.embedded=false"};

    private final ConfigurableApplicationContext context;

    private ServiceInstance(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** A service on its own embedded PostgreSQL, keeping its data in {@code dataDir}. */
    public static ServiceInstance embedded(String dataDir, int databasePort) {
        return start(WITHOUT_DELIVERIES, new String[] {"--spring.datasource.url=", "--chipledger.data-dir=" + dataDir,
                "--chipledger.embedded-database-port=" + databasePort});
    }

    /** A further node on the database of an embedded instance. */
    public static ServiceInstance onDatabaseOf(int databasePort) {
        return start(WITHOUT_DELIVERIES, onDatabase(databasePort));
    }

    /**
     * A service on the PostgreSQL at {@code databasePort} (user postgres, no password) that delivers
     * too: its ClickHouse sink writes to {@code clickHouseUrl} (a database of its own, so the audit
     * of the tests' store never meets its postings) and its Kafka publisher to an in-JVM broker of its
     * own on a free port.
     */
    public static ServiceInstance delivering(int databasePort, String clickHouseUrl) {
        return start(new String[] {"--chipledger.clickhouse.url=" + clickHouseUrl}, onDatabase(databasePort));
    }

    private static String[] onDatabase(int databasePort) {
        return new String[] {"--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + databasePort + "/postgres",
                "--spring.datasource.username=postgres", "--spring.datasource.password="};
    }

    private static ServiceInstance start(String[] deliveries, String[] database) {
        List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--chipledger.admin-key=" + LedgerClient.ADMIN_KEY));
        arguments.addAll(List.of(deliveries));
        arguments.addAll(List.of(database));
        // The test profile, as the tests' own context: the same quiet logs for failures caused on purpose.
        return new ServiceInstance(new SpringApplicationBuilder(ChipLedgerApplication.class).profiles("test")
                .run(arguments.toArray(String[]::new)));
    }

    public LedgerClient client() {
        return new LedgerClient(((ServletWebServerApplicationContext) context).getWebServer().getPort());
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /**
     * A port free now and never handed out before in this JVM: the port of a server not started yet
     * (a database, a proxy, a node) is still free, so a second call could otherwise return it again,
     * as the in-JVM broker's two listeners once did under load.
     */
    public static synchronized int freePort() {
        while (true) {
            try (ServerSocket socket = new ServerSocket(0)) {
                if (GIVEN_PORTS.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            } catch (IOException e) {
                throw new IllegalStateException("no free port", e);
            }
        }
    }

    @Override
    public void close() {
        context.close();
    }
}
