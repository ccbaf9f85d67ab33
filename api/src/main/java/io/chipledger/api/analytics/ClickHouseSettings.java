package io.chipledger.api.analytics;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where ClickHouse is ({@code chipledger.clickhouse.*}; environment {@code CHIPLEDGER_CLICKHOUSE_URL},
 * {@code _USER}, {@code _PASSWORD}, {@code _DRIVER_CLASS}). Without a URL analytics is off. The
 * driver class is configuration because only the legacy {@code ru.yandex} driver speaks to
 * ClickHouse 18.16 (DESIGN.md); its URL needs {@code compress=false}.
 *
 * @param url         JDBC URL, e.g. {@code jdbc:clickhouse://127.0.0.1:8123/default?compress=false}; blank: analytics off
 * @param user        default {@code default}
 * @param password    default empty
 * @param driverClass default {@code ru.yandex.clickhouse.ClickHouseDriver}
 */
@ConfigurationProperties("chipledger.clickhouse")
public record ClickHouseSettings(String url, String user, String password, String driverClass) {

    public ClickHouseSettings {
        user = user == null || user.isBlank() ? "default" : user;
        password = password == null ? "" : password;
        driverClass = driverClass == null || driverClass.isBlank() ? "ru.yandex.clickhouse.ClickHouseDriver" : driverClass;
    }

    public boolean on() {
        return url != null && !url.isBlank();
    }

    /** A new connection to ClickHouse with these settings. */
    public Connection connect() throws SQLException {
        try {
            Class.forName(driverClass);
        } catch (ClassNotFoundException missing) {
            throw new SQLException("no ClickHouse driver " + driverClass + " on the class path", missing);
        }
        Properties credentials = new Properties();
        credentials.setProperty("user", user);
        credentials.setProperty("password", password);
        return DriverManager.getConnection(url, credentials);
    }
}
