package io.chipledger.api.fault;

import io.chipledger.api.LedgerClient;
import io.chipledger.api.ServiceProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * SIGKILL under load, several times in a row (issue 19): the service runs in a process of its own
 * on a fresh database, client threads send deposits, bets and wins, and the process is killed
 * while they wait for answers. After each restart, before anything is sent again, every command
 * answered success is in the ledger once and every command without an answer is there once or
 * not at all, never half; then every command of the round is sent again with its key: the answered
 * ones replay their original answer byte for byte, the others are answered now, and the balances,
 * the read models, the Kafka topic, ClickHouse and the audit verification all agree.
 *
 * <p>The suite's short form kills three times; bench/faults-kill.sh runs the same test longer
 * (docs/reliability.md has its figures).
 */
class CrashTest {

    private static final int KILLS = 3;
    private static final int CLIENTS = 4;
    private static final int SECONDS_BEFORE_KILL = 4;
    private static final int WALLETS = 10;
    static final Path LOGS = Path.of("target", "faults");

    @Test
    void everyAnsweredCommandIsKeptOnceThroughKillsUnderLoad() throws Exception {
        FaultSettings settings = FaultSettings.fromEnvironment(KILLS, CLIENTS, SECONDS_BEFORE_KILL, WALLETS);
        FaultFigures figures = new FaultFigures("SIGKILL under load", "crash");
        try (BackingServices services = BackingServices.start("crash");
             ServiceProcess service = new ServiceProcess("crash-service", settings.jar(), settings.javaOptions(),
                     services.serviceArguments(), services.serviceEnvironment(), LOGS)) {
            service.start();
            LedgerClient client = service.client();
            String[] partner = client.newPartner();
            CommandLoad load = new CommandLoad(partner[1], settings.wallets(), settings.clients(), false);
            try (LedgerChecks checks = new LedgerChecks(services, partner[0], figures)) {
                load.fund(client);
                Random random = new Random();
                for (int kill = 1; kill <= settings.kills(); kill++) {
                    CommandLoad.Round round = load.start(List.of(client), kill);
                    Duration loading = loadBeforeKill(settings.loadPerKill(), random);
                    Thread.sleep(loading.toMillis());
                    service.kill();
                    figures.loaded(loading);
                    figures.kills++;
                    List<SentCommand> sent = round.stop();

                    service.start();
                    figures.restarted(service.lastStart());
                    client = service.client();
                    Map<String, Integer> inLedger = checks.afterFault(sent);
                    load.resend(client, sent, (command, reply) -> checks.resent(command, reply, inLedger));
                    checks.converged(client, load.all(), load.players());
                    figures.assertClean("after kill " + kill);
                }
            } finally {
                figures.publish(settings, load.all());
            }
        }
    }

    /** Somewhere in the second half of the load's time, so that the clients are busy when the kill comes. */
    static Duration loadBeforeKill(Duration load, Random random) {
        long half = load.toMillis() / 2;
        return Duration.ofMillis(half + (long) (random.nextDouble() * half));
    }
}
