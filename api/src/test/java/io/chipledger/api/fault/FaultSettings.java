package io.chipledger.api.fault;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * How hard a fault test pushes. The suite runs each with its short defaults; the bench scripts
 * (bench/faults-kill.sh, bench/faults-nodes.sh) run the same test longer through the environment:
 * {@code FAULTS_KILLS}, {@code FAULTS_CLIENTS}, {@code FAULTS_SECONDS} (of load before each kill),
 * {@code FAULTS_WALLETS}, {@code FAULTS_JAR} (run the packaged jar instead of the class path) and
 * {@code FAULTS_JAVA_OPTS} (the services' JVM options).
 */
record FaultSettings(int kills, int clients, Duration loadPerKill, int wallets, Path jar, List<String> javaOptions) {

    /** Each limit is there so that a mistyped setting cannot run for hours. */
    static final int KILLS_MAX = 100;
    static final int CLIENTS_MAX = 256;
    static final int SECONDS_MAX = 3_600;
    static final int WALLETS_MAX = 100_000;

    FaultSettings {
        check("FAULTS_KILLS", kills, KILLS_MAX);
        check("FAULTS_CLIENTS", clients, CLIENTS_MAX);
        check("FAULTS_SECONDS", (int) loadPerKill.toSeconds(), SECONDS_MAX);
        check("FAULTS_WALLETS", wallets, WALLETS_MAX);
        if (jar != null && !Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("FAULTS_JAR names no file: " + jar);
        }
    }

    /** The environment's settings, each defaulting to the test's short form. */
    static FaultSettings fromEnvironment(int kills, int clients, int seconds, int wallets) {
        String jar = System.getenv("FAULTS_JAR");
        String javaOptions = System.getenv().getOrDefault("FAULTS_JAVA_OPTS", "-Xmx1g");
        return new FaultSettings(intEnv("FAULTS_KILLS", kills), intEnv("FAULTS_CLIENTS", clients),
                Duration.ofSeconds(intEnv("FAULTS_SECONDS", seconds)), intEnv("FAULTS_WALLETS", wallets),
                jar == null || jar.isBlank() ? null : Path.of(jar),
                Arrays.stream(javaOptions.trim().split("\\s+")).filter(option -> !option.isEmpty()).toList());
    }

    /** How the service was run, for the report. */
    String launch() {
        return jar == null ? "the test class path" : "the packaged jar";
    }

    private static int intEnv(String name, int fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }

    private static void check(String name, int value, int max) {
        if (value < 1 || value > max) {
            throw new IllegalArgumentException(name + " must be 1 to " + max + ": " + value);
        }
    }
}
