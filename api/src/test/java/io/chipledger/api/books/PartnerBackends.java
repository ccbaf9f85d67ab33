package io.chipledger.api.books;

import io.chipledger.api.LedgerClient;
import io.chipledger.api.LedgerClient.Reply;
import io.chipledger.api.books.Steps.Request;
import io.chipledger.api.books.Steps.Step;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Partners' backends sending a workload's steps at once, each thread with its own HTTP client,
 * taking the next step as soon as its last one is answered. A busy ledger (503 with
 * Retry-After) is asked again with the same key, as the API guide tells clients to.
 *
 * <p>The answers are only sorted, never trusted for the books: what the ledger did is read from
 * its event store afterwards. A refusal the API guide names for these commands is fine; any other
 * answer means a request of this test is malformed or the service failed, and is reported.
 */
final class PartnerBackends {

    /** The refusals a valid command may get, by problem type, depending on what arrived before it. */
    static final Set<String> REFUSALS = Set.of("unknown-wallet", "unknown-withdrawal", "withdrawal-already-decided", "insufficient-funds",
            "bet-already-settled", "bet-already-rolled-back", "duplicate-transaction", "open-bets-limit", "open-rounds-limit",
            "pending-withdrawals-limit", "balance-limit", "unknown-bet", "unknown-round", "round-closed", "round-has-no-live-bet",
            "round-asset-mismatch", "bet-round-mismatch", "rollback-target-not-a-bet");
    private static final String PROBLEM_TYPE_PREFIX = "https://chipledger.dev/problems/";
    /** A busy ledger is asked again for about five seconds; after that the outcome stays unknown, and the events tell it. */
    private static final int BUSY_RETRIES_MAX = 50;
    private static final Duration BUSY_PAUSE = Duration.ofMillis(100);
    /** Far above a burst's few seconds, so only a hung service trips it. */
    private static final Duration BURST_WAIT_MAX = Duration.ofMinutes(3);

    /** A try's partner: its id and its API key (wallet:read, wallet:write). */
    record Partner(String id, String apiKey) {
    }

    /** How a step was answered: {@code outcome} is executed, a refusal's problem type, busy, or unexpected. */
    record Answer(Step step, int status, String outcome, String raw) {

        boolean unexpected() {
            return outcome.startsWith("unexpected");
        }
    }

    private final int port;
    private final List<Partner> partners;

    PartnerBackends(int port, List<Partner> partners) {
        this.port = port;
        this.partners = partners;
    }

    /** Sends every step from {@code threads} backends at once; answers in no particular order. */
    List<Answer> send(List<? extends Step> steps, int threads) throws Exception {
        ConcurrentLinkedQueue<Step> queue = new ConcurrentLinkedQueue<>(steps);
        ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> backends = new ArrayList<>();
            for (int thread = 0; thread < threads; thread++) {
                backends.add(pool.submit(() -> {
                    LedgerClient client = new LedgerClient(port);
                    for (Step step = queue.poll(); step != null; step = queue.poll()) {
                        answers.add(send(client, step));
                    }
                    return null;
                }));
            }
            long deadline = System.nanoTime() + BURST_WAIT_MAX.toNanos();
            for (Future<?> backend : backends) {
                backend.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        return List.copyOf(answers);
    }

    private Answer send(LedgerClient client, Step step) throws InterruptedException {
        Partner partner = partners.get(step.partner());
        Request request = step.request(partner.id());
        Reply reply = null;
        for (int attempt = 0; attempt <= BUSY_RETRIES_MAX; attempt++) {
            reply = request.admin()
                    ? client.admin("POST", request.path(), request.body())
                    : client.post(partner.apiKey(), request.path(), request.body());
            if (reply.status() != 503) {
                break;
            }
            Thread.sleep(BUSY_PAUSE.toMillis());
        }
        return new Answer(step, reply.status(), outcomeOf(reply), reply.raw());
    }

    private static String outcomeOf(Reply reply) {
        if (reply.status() == 200 || reply.status() == 201) {
            return "executed";
        }
        String type = reply.body().path("type").asText("");
        String problem = type.startsWith(PROBLEM_TYPE_PREFIX) ? type.substring(PROBLEM_TYPE_PREFIX.length()) : type;
        if (reply.status() == 503 && problem.equals("ledger-busy")) {
            return "busy (outcome unknown)";
        }
        return REFUSALS.contains(problem) ? problem : "unexpected " + reply.status() + " " + problem;
    }

    /** Counts per outcome, e.g. {@code executed=231, insufficient-funds=12}, for the report of a try. */
    static String summary(List<Answer> answers) {
        Map<String, AtomicInteger> counts = new TreeMap<>();
        answers.forEach(answer -> counts.computeIfAbsent(answer.outcome(), any -> new AtomicInteger()).incrementAndGet());
        return counts.toString();
    }
}
