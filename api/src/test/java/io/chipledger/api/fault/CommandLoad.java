package io.chipledger.api.fault;

import io.chipledger.api.LedgerClient;
import io.chipledger.api.LedgerClient.Reply;
import io.chipledger.api.fault.SentCommand.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;

/**
 * Partners' backends under a fault: client threads sending deposits, bets and the bets' wins on
 * a shared set of wallets, each command under a key of its own, recording for each key what came
 * back ({@link SentCommand}). Amounts keep every wallet far from empty, so no command is refused
 * for want of funds, and wins pay more than bets on average.
 *
 * <p>Without failover (one node) a client's round ends at its first command without an answer:
 * the service is gone. With failover (several nodes) a client sends its commands to the nodes in
 * turn and sends a command that got no answer again, with the same key, to the next node.
 */
final class CommandLoad {

    static final long FUNDING_MINOR = 100_000;
    static final String CURRENCY = "USD";
    /** How long a command is sent again while no node answers it (busy, or gone). */
    static final Duration ANSWER_WAIT_MAX = Duration.ofSeconds(120);
    private static final Duration RETRY_PAUSE = Duration.ofMillis(100);
    private static final Duration RETRY_AFTER_MAX = Duration.ofSeconds(1);
    private static final Duration CLIENT_STOP_MAX = Duration.ofSeconds(180);
    /** Sending a round's commands again, after the fault: a long round of a bench on a busy machine took minutes. */
    private static final Duration RESEND_MAX = Duration.ofMinutes(15);
    private static final int STATUS_BUSY = 503;

    private final String apiKey;
    private final List<String> players;
    private final int clients;
    private final boolean failover;
    private final String run = Long.toString(System.nanoTime() & 0xffffffffL, 36);
    private final List<SentCommand> sent = Collections.synchronizedList(new ArrayList<>());
    private final int[] nextIndex;
    private final SentCommand[] openBets;

    CommandLoad(String apiKey, int wallets, int clients, boolean failover) {
        this.apiKey = apiKey;
        this.clients = clients;
        this.failover = failover;
        List<String> names = new ArrayList<>();
        for (int i = 0; i < wallets; i++) {
            names.add("player-" + i);
        }
        this.players = List.copyOf(names);
        this.nextIndex = new int[clients];
        this.openBets = new SentCommand[clients];
    }

    List<String> players() {
        return players;
    }

    /** Every command sent so far, each client's in its order. */
    List<SentCommand> all() {
        synchronized (sent) {
            return List.copyOf(sent);
        }
    }

    /** Opens and funds every wallet through {@code node}, one deposit each, each answered. */
    List<SentCommand> fund(LedgerClient node) {
        List<SentCommand> funding = new ArrayList<>();
        for (String player : players) {
            SentCommand deposit = command("fund-" + player, -1, player, Kind.DEPOSIT, FUNDING_MINOR, null, 0);
            sent.add(deposit);
            funding.add(deposit);
            Reply reply = sendUntilAnswered(List.of(node), deposit, 0).orElseThrow(
                    () -> new IllegalStateException("the funding of " + player + " got no answer"));
            deposit.answered(reply);
            if (deposit.fate() != SentCommand.Fate.ANSWERED) {
                throw new IllegalStateException("the funding of " + player + " was refused: " + reply.raw());
            }
        }
        return funding;
    }

    /** Starts the clients on {@code nodes}, which the caller may shrink while they run (a node killed). */
    Round start(List<LedgerClient> nodes, int round) {
        return new Round(nodes, round);
    }

    /**
     * Sends {@code commands} again with their keys and bodies, each client's in its order and the
     * clients at once, and hands each with its answer to {@code judge}; a command the load had no success
     * answer for is settled by the new answer.
     */
    void resend(LedgerClient node, List<SentCommand> commands, BiConsumer<SentCommand, Reply> judge) throws Exception {
        Map<Integer, List<SentCommand>> byClient = new LinkedHashMap<>();
        for (SentCommand command : commands) {
            byClient.computeIfAbsent(command.client, client -> new ArrayList<>()).add(command);
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(clients, byClient.size())));
        try {
            List<Future<?>> done = new ArrayList<>();
            for (List<SentCommand> ofClient : byClient.values()) {
                done.add(pool.submit(() -> {
                    for (SentCommand command : ofClient) {
                        Reply reply = sendUntilAnswered(List.of(node), command, 0).orElseThrow(
                                () -> new IllegalStateException(command + " sent again got no answer within " + ANSWER_WAIT_MAX));
                        judge.accept(command, reply);
                        if (command.fate() != SentCommand.Fate.ANSWERED) {
                            command.settled(reply);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get(RESEND_MAX.toSeconds(), TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** The load between two faults: the clients' threads, until {@link #stop}. */
    final class Round {

        private final List<LedgerClient> nodes;
        private final int number;
        private final List<SentCommand> ofRound = Collections.synchronizedList(new ArrayList<>());
        private final List<Thread> threads = new ArrayList<>();
        private final List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        private volatile boolean stopping;

        private Round(List<LedgerClient> nodes, int number) {
            this.nodes = nodes;
            this.number = number;
            for (int client = 0; client < clients; client++) {
                int id = client;
                Thread thread = new Thread(() -> {
                    try {
                        runClient(id);
                    } catch (RuntimeException | AssertionError failed) {
                        // An answer the contract check refuses, say: the test fails with it at stop().
                        failures.add(failed);
                    }
                }, "load-client-" + client);
                thread.setDaemon(true);
                threads.add(thread);
                thread.start();
            }
        }

        /** Stops the clients after their current command; answers the commands of this round, or a client's failure. */
        List<SentCommand> stop() throws InterruptedException {
            stopping = true;
            long deadline = System.nanoTime() + CLIENT_STOP_MAX.toNanos();
            for (Thread thread : threads) {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                if (thread.isAlive()) {
                    throw new IllegalStateException(thread.getName() + " did not stop within " + CLIENT_STOP_MAX);
                }
            }
            if (!failures.isEmpty()) {
                AssertionError failed = new AssertionError(failures.size() + " load client(s) failed", failures.get(0));
                failures.stream().skip(1).forEach(failed::addSuppressed);
                throw failed;
            }
            synchronized (ofRound) {
                return List.copyOf(ofRound);
            }
        }

        private void runClient(int client) {
            Random random = new Random(client * 7_919L + number);
            while (!stopping) {
                SentCommand command = next(client, random);
                sent.add(command);
                ofRound.add(command);
                Optional<Reply> reply = sendUntilAnswered(nodes, command, nextIndex[client] + client);
                if (reply.isEmpty()) {
                    return;
                }
                command.answered(reply.get());
            }
        }

        private SentCommand next(int client, Random random) {
            int index = nextIndex[client]++;
            String key = run + "-" + client + "-" + index;
            SentCommand bet = openBets[client];
            if (bet != null && bet.fate() == SentCommand.Fate.ANSWERED) {
                openBets[client] = null;
                return command(key, client, bet.player, Kind.WIN, 100 + random.nextInt(201), bet.key, number);
            }
            String player = players.get(random.nextInt(players.size()));
            if (index % 4 == 3) {
                return command(key, client, player, Kind.DEPOSIT, 100 + random.nextInt(1_901), null, number);
            }
            SentCommand placed = command(key, client, player, Kind.BET, 50 + random.nextInt(151), null, number);
            openBets[client] = placed;
            return placed;
        }

        /** Without failover, an attempt without an answer ends the client's round; busy answers are waited out. */
        private Optional<Reply> sendUntilAnswered(List<LedgerClient> targets, SentCommand command, int turn) {
            return CommandLoad.this.sendUntilAnswered(targets, command, turn, !failover, () -> stopping);
        }
    }

    /** Outside the load (funding, sending again): every attempt without an answer is followed by another. */
    private Optional<Reply> sendUntilAnswered(List<LedgerClient> targets, SentCommand command, int turn) {
        return sendUntilAnswered(targets, command, turn, false, () -> false);
    }

    /**
     * Sends the command until an answer other than busy comes, to the nodes in turn from
     * {@code turn}. An attempt without an answer ends the sending (empty) when
     * {@code noAnswerEnds}; a stop request ends it too. Everything is bounded by {@link #ANSWER_WAIT_MAX}.
     */
    private Optional<Reply> sendUntilAnswered(List<LedgerClient> targets, SentCommand command, int turn, boolean noAnswerEnds,
                                              BooleanSupplier stopRequested) {
        long deadline = System.nanoTime() + ANSWER_WAIT_MAX.toNanos();
        for (int attempt = 0; System.nanoTime() < deadline; attempt++) {
            List<LedgerClient> nodes = List.copyOf(targets);
            LedgerClient node = nodes.get(Math.floorMod(turn + attempt, nodes.size()));
            Optional<Reply> reply = node.attempt("POST", command.path, command.body, "X-API-Key", apiKey);
            if (reply.isPresent() && reply.get().status() != STATUS_BUSY) {
                return reply;
            }
            if (reply.isEmpty()) {
                if (noAnswerEnds) {
                    return Optional.empty();
                }
                if (nodes.size() > 1) {
                    command.failedOver();
                }
            }
            if (stopRequested.getAsBoolean()) {
                return Optional.empty();
            }
            pause(reply.map(CommandLoad::retryAfter).orElse(RETRY_PAUSE));
        }
        return Optional.empty();
    }

    private SentCommand command(String key, int client, String player, Kind kind, long amountMinor, String betKey, int round) {
        String amount = String.format(java.util.Locale.ROOT, "%d.%02d", amountMinor / 100, amountMinor % 100);
        String money = "{\"amount\":\"" + amount + "\",\"currency\":\"" + CURRENCY + "\",\"transaction_id_partner\":\"" + key + "\"";
        String path = "/api/v1/wallets/" + player + switch (kind) {
            case DEPOSIT -> "/deposits";
            case BET -> "/bets";
            case WIN -> "/wins";
        };
        String body = switch (kind) {
            case DEPOSIT -> money + "}";
            case BET -> money + ",\"game_id\":\"slots\",\"round_id\":\"round-" + key + "\"}";
            case WIN -> money + ",\"game_id\":\"slots\",\"round_id\":\"round-" + betKey + "\",\"bet_transaction_id_partner\":\""
                    + betKey + "\",\"round_closed\":true}";
        };
        return new SentCommand(key, client, player, kind, amountMinor, path, body, round);
    }

    private static Duration retryAfter(Reply busy) {
        try {
            Duration asked = Duration.ofSeconds(Long.parseLong(busy.retryAfter().trim()));
            return asked.compareTo(RETRY_AFTER_MAX) > 0 ? RETRY_AFTER_MAX : asked;
        } catch (RuntimeException unreadable) {
            return RETRY_PAUSE;
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", interrupted);
        }
    }
}
