package io.chipledger.api.fault;

import io.chipledger.api.LedgerClient;
import io.chipledger.api.ServiceProcess;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Two service nodes on one database, each in a process of its own on loopback, with a load spread
 * over both on the same wallets (issue 19). In the middle of it the node holding the most
 * processor segments (token claims in {@code token_entry}) is killed with SIGKILL; the clients
 * send what it left unanswered to the other node, with the same keys. The other node takes over
 * every segment once the dead node's claims time out, and then every command answered success is
 * in the ledger once, every retry replays the original answer, and the read models, the Kafka
 * topic, ClickHouse and the audit verification agree.
 *
 * <p>The suite kills once; bench/faults-nodes.sh runs the same test longer, restarting the killed
 * node after each takeover and killing the holder of the most segments again.
 */
class NodeKillTest {

    private static final int KILLS = 1;
    private static final int CLIENTS = 4;
    private static final int SECONDS_OF_LOAD = 8;
    private static final int WALLETS = 10;
    /** Axon's JDBC token claims time out after 10 s; the survivor's processors then look for unclaimed segments every few seconds. */
    private static final Duration TAKEOVER_MAX = Duration.ofMinutes(2);

    @Test
    void theOtherNodeTakesOverAndEveryAnsweredCommandIsKeptOnce() throws Exception {
        FaultSettings settings = FaultSettings.fromEnvironment(KILLS, CLIENTS, SECONDS_OF_LOAD, WALLETS);
        FaultFigures figures = new FaultFigures("Two nodes, one killed", "nodes");
        try (BackingServices services = BackingServices.start("nodes");
             ServiceProcess first = node("node-a", services, settings);
             ServiceProcess second = node("node-b", services, settings)) {
            first.start();
            second.start();
            List<ServiceProcess> nodes = List.of(first, second);
            String[] partner = first.client().newPartner();
            CommandLoad load = new CommandLoad(partner[1], settings.wallets(), settings.clients(), true);
            try (LedgerChecks checks = new LedgerChecks(services, partner[0], figures)) {
                load.fund(first.client());
                for (ServiceProcess node : nodes) {
                    // Each node's first read (and the test's contract check of its API document) before the load, not in it.
                    node.client().get(partner[1], "/api/v1/wallets/" + load.players().get(0));
                }
                for (int kill = 1; kill <= settings.kills(); kill++) {
                    ServiceProcess survivor = killOneUnderLoad(nodes, load, checks, figures, settings, kill);
                    figures.assertClean("kill " + kill + ": the survivor took over");
                    if (kill < settings.kills()) {
                        ServiceProcess killed = survivor == first ? second : first;
                        killed.start();
                        figures.restarted(killed.lastStart());
                    }
                }
            } finally {
                figures.publish(settings, load.all());
            }
        }
    }

    /**
     * Half the load's time on both nodes, then SIGKILL to the holder of the most segments, the other
     * half on the survivor; then the takeover and every check. Answers the survivor.
     */
    private static ServiceProcess killOneUnderLoad(List<ServiceProcess> nodes, CommandLoad load, LedgerChecks checks,
                                                   FaultFigures figures, FaultSettings settings, int kill) throws Exception {
        List<LedgerClient> targets = new CopyOnWriteArrayList<>(nodes.stream().map(ServiceProcess::client).toList());
        CommandLoad.Round round = load.start(targets, kill);
        Thread.sleep(settings.loadPerKill().toMillis() / 2);
        Map<String, String> owners = checks.segmentOwners();
        ServiceProcess victim = nodes.get(0);
        for (ServiceProcess node : nodes) {
            if (owned(owners, node) > owned(owners, victim)) {
                victim = node;
            }
        }
        ServiceProcess survivor = victim == nodes.get(0) ? nodes.get(1) : nodes.get(0);
        long owned = owned(owners, victim);
        if (owned == 0) {
            figures.problem("neither node held a segment before the kill: " + owners);
        }
        long killedAt = System.nanoTime();
        victim.kill();
        figures.kills++;
        targets.remove(nodes.indexOf(victim));
        Thread.sleep(settings.loadPerKill().toMillis() / 2);
        List<SentCommand> sent = round.stop();
        figures.loaded(settings.loadPerKill());

        awaitTakeover(checks, survivor, figures, killedAt);
        figures.segmentsTakenOver += owned;
        LedgerClient node = survivor.client();
        Map<String, Integer> inLedger = checks.afterFault(sent);
        load.resend(node, sent, (command, reply) -> checks.resent(command, reply, inLedger));
        checks.converged(node, load.all(), load.players());
        return survivor;
    }

    private static ServiceProcess node(String name, BackingServices services, FaultSettings settings) {
        return new ServiceProcess(name, settings.jar(), settings.javaOptions(), services.serviceArguments(), services.serviceEnvironment(),
                CrashTest.LOGS);
    }

    /** Waits until the survivor holds every segment of every processor. */
    private static void awaitTakeover(LedgerChecks checks, ServiceProcess survivor, FaultFigures figures, long killedAt) throws InterruptedException {
        long deadline = System.nanoTime() + TAKEOVER_MAX.toNanos();
        Map<String, String> owners = checks.segmentOwners();
        while (owned(owners, survivor) < owners.size() && System.nanoTime() < deadline) {
            Thread.sleep(250);
            owners = checks.segmentOwners();
        }
        figures.tookOver(Duration.ofNanos(System.nanoTime() - killedAt));
        if (owned(owners, survivor) < owners.size()) {
            figures.problem("the survivor " + survivor.tokenOwner() + " did not hold every segment within " + TAKEOVER_MAX + ": " + owners);
        }
    }

    private static long owned(Map<String, String> owners, ServiceProcess node) {
        String owner = node.tokenOwner();
        return owners.values().stream().filter(Objects::nonNull).filter(owner::equals).count();
    }
}
