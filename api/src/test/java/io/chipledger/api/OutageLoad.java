package io.chipledger.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.chipledger.api.LedgerClient.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Partners' backends sending money commands while a test breaks a service the ledger depends on:
 * a few client threads, one player each, each sending deposits, bets and wins under keys never used
 * before, recording what became of each first sending (answered, refused with what, or not
 * answered at all), pausing as {@code Retry-After} says after a refusal, then sending every one
 * that was not answered 2xx again, with the same key and body, until it is. Each player starts with {@value #OPENING_DEPOSIT} USD and every cycle adds
 * money, so no command is ever refused for the player's funds: any refusal is the outage's.
 */
public final class OutageLoad {

    private static final Logger log = LoggerFactory.getLogger(OutageLoad.class);
    private static final String OPENING_DEPOSIT = "1000.00";
    private static final long OPENING_DEPOSIT_MINOR = 100_000;
    /** How long a command is sent again at most before the load gives up on it: far beyond any outage a test makes. */
    private static final long RETRY_WAIT_MAX_MILLIS = 180_000;
    private static final long RETRY_PAUSE_MILLIS = 200;
    /** The longest pause a client makes after a refusal, whatever its Retry-After says. */
    private static final long RETRY_AFTER_MAX_SECONDS = 5;

    /**
     * A command as a partner sent it: its key, the player, path and body, and what it changes in the
     * player's available USD balance when applied, in minor units.
     */
    public record Command(String key, String player, String path, String body, long balanceChangeMinor) {
    }

    /**
     * What the first sending of a command came to: HTTP status (0: no answer within the client's
     * timeout, or the connection failed), the problem type's last segment (null on 2xx), its
     * {@code Retry-After} in seconds (0: none), when it was sent (epoch milliseconds) and how long
     * the answer took, in milliseconds.
     */
    public record FirstAnswer(Command command, int status, String problem, long retryAfterSeconds, long sentAtMillis, long millis) {
        public boolean answered() {
            return status >= 200 && status < 300;
        }
    }

    /** After the retries: how many applied answers were replays of an earlier sending (found once, before), how many sendings it took. */
    public record Retries(int retried, int replayed, int sendingsMax) {
    }

    private final LedgerClient client;
    private final String apiKey;
    private final int threads;
    private final String playerPrefix;
    private final AtomicBoolean running = new AtomicBoolean();
    private final List<FirstAnswer> answers = Collections.synchronizedList(new ArrayList<>());
    private ExecutorService pool;
    private final List<Future<?>> workers = new ArrayList<>();

    public OutageLoad(LedgerClient client, String apiKey, int threads, String playerPrefix) {
        this.client = client;
        this.apiKey = apiKey;
        this.threads = threads;
        this.playerPrefix = playerPrefix;
    }

    public List<String> players() {
        List<String> players = new ArrayList<>();
        for (int thread = 0; thread < threads; thread++) {
            players.add(playerPrefix + "-" + thread);
        }
        return players;
    }

    /** Opens every player's wallet (before the fault, so the opening is no part of what is counted), then starts the clients. */
    public void start() {
        for (String player : players()) {
            Reply opened = client.post(apiKey, "/api/v1/wallets/" + player + "/deposits", "{\"amount\":\"" + OPENING_DEPOSIT
                    + "\",\"currency\":\"USD\",\"transaction_id_partner\":\"" + player + "-opening\"}");
            if (opened.status() != 200) {
                throw new IllegalStateException("could not open " + player + ": " + opened.raw());
            }
        }
        running.set(true);
        pool = Executors.newFixedThreadPool(threads);
        for (String player : players()) {
            workers.add(pool.submit(() -> sendWhileRunning(player)));
        }
    }

    /** Stops the clients once their commands in flight are answered; answers every first sending, in no particular order. */
    public List<FirstAnswer> stop() throws Exception {
        running.set(false);
        for (Future<?> worker : workers) {
            worker.get(2, TimeUnit.MINUTES);
        }
        pool.shutdown();
        return List.copyOf(answers);
    }

    /** Commands sent so far: progress for the test's log. */
    public int sent() {
        return answers.size();
    }

    private void sendWhileRunning(String player) {
        for (int cycle = 0; running.get(); cycle++) {
            String prefix = player + "-" + cycle;
            send(new Command(prefix + "-deposit", player, "/api/v1/wallets/" + player + "/deposits",
                    "{\"amount\":\"2.00\",\"currency\":\"USD\",\"transaction_id_partner\":\"" + prefix + "-deposit\"}", 200));
            FirstAnswer bet = send(new Command(prefix + "-bet", player, "/api/v1/wallets/" + player + "/bets",
                    "{\"amount\":\"1.00\",\"currency\":\"USD\",\"game_id\":\"slots\",\"round_id\":\"" + prefix
                            + "\",\"transaction_id_partner\":\"" + prefix + "-bet\"}", -100));
            if (bet.answered()) {
                // A win names its bet: sent only once the bet is known to stand, as a game provider does.
                send(new Command(prefix + "-win", player, "/api/v1/wallets/" + player + "/wins",
                        "{\"amount\":\"0.50\",\"currency\":\"USD\",\"game_id\":\"slots\",\"round_id\":\"" + prefix
                                + "\",\"transaction_id_partner\":\"" + prefix + "-win\",\"bet_transaction_id_partner\":\"" + prefix
                                + "-bet\"}", 50));
            }
        }
    }

    private FirstAnswer send(Command command) {
        long sentAt = System.currentTimeMillis();
        long started = System.nanoTime();
        FirstAnswer answer;
        try {
            Reply reply = client.post(apiKey, command.path(), command.body());
            answer = new FirstAnswer(command, reply.status(), problemOf(reply.body()), retryAfterOf(reply), sentAt,
                    (System.nanoTime() - started) / 1_000_000);
        } catch (IllegalStateException noAnswer) {
            answer = new FirstAnswer(command, 0, null, 1, sentAt, (System.nanoTime() - started) / 1_000_000);
        }
        answers.add(answer);
        if (!answer.answered()) {
            // As a partner's backend does: wait as long as Retry-After says before the next command (at most a few seconds).
            pauseAfterRefusal(answer.retryAfterSeconds());
        }
        return answer;
    }

    private static void pauseAfterRefusal(long retryAfterSeconds) {
        try {
            Thread.sleep(Math.min(Math.max(retryAfterSeconds, 1), RETRY_AFTER_MAX_SECONDS) * 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long retryAfterOf(Reply reply) {
        try {
            return reply.retryAfter() == null ? 0 : Long.parseLong(reply.retryAfter().trim());
        } catch (NumberFormatException notSeconds) {
            return 1;
        }
    }

    private static String problemOf(JsonNode body) {
        String type = body.path("type").asText(null);
        return type == null ? null : type.substring(type.lastIndexOf('/') + 1);
    }

    /**
     * Sends every command whose first sending was not answered 2xx again, same key and body, until
     * it is; fails when one is refused for anything but a retryable 503 or stays unanswered for
     * minutes.
     */
    public Retries retryUntilAnswered(List<FirstAnswer> firstAnswers) throws InterruptedException {
        int retried = 0;
        int replayed = 0;
        int sendingsMax = 1;
        for (FirstAnswer first : firstAnswers) {
            if (first.answered()) {
                continue;
            }
            retried++;
            long deadline = System.currentTimeMillis() + RETRY_WAIT_MAX_MILLIS;
            for (int sendings = 2; ; sendings++) {
                Reply reply = sendAgain(first.command());
                if (reply != null && reply.status() == 200) {
                    replayed += reply.replayed() ? 1 : 0;
                    sendingsMax = Math.max(sendingsMax, sendings);
                    break;
                }
                if (reply != null && reply.status() != 503) {
                    throw new AssertionError("a retry of " + first.command().key() + " was refused: " + reply.raw());
                }
                if (System.currentTimeMillis() > deadline) {
                    throw new AssertionError(first.command().key() + " still unanswered after " + RETRY_WAIT_MAX_MILLIS + " ms");
                }
                Thread.sleep(RETRY_PAUSE_MILLIS);
            }
        }
        return new Retries(retried, replayed, sendingsMax);
    }

    private Reply sendAgain(Command command) {
        try {
            return client.post(apiKey, command.path(), command.body());
        } catch (IllegalStateException noAnswer) {
            return null;
        }
    }

    /** Each player's available USD balance once every command was applied exactly once, in minor units. */
    public Map<String, Long> expectedBalancesMinor(List<FirstAnswer> firstAnswers) {
        Map<String, Long> balances = new HashMap<>();
        players().forEach(player -> balances.put(player, OPENING_DEPOSIT_MINOR));
        firstAnswers.forEach(answer -> balances.merge(answer.command().player(), answer.command().balanceChangeMinor(), Long::sum));
        return balances;
    }

    /** First sendings by what they came to: "200", "503 ledger-busy", "no answer"… */
    public static Map<String, Integer> byOutcome(List<FirstAnswer> firstAnswers) {
        Map<String, Integer> outcomes = new TreeMap<>();
        for (FirstAnswer answer : firstAnswers) {
            String outcome = answer.status() == 0 ? "no answer" : answer.status() + (answer.problem() == null ? "" : " " + answer.problem());
            outcomes.merge(outcome, 1, Integer::sum);
        }
        return outcomes;
    }

    /** The p-th percentile (0-100) of the milliseconds the refused first sendings took; 0 when none was refused. */
    public static long refusalMillisPercentile(List<FirstAnswer> firstAnswers, double percentile) {
        List<Long> millis = firstAnswers.stream().filter(answer -> !answer.answered()).map(FirstAnswer::millis).sorted().toList();
        if (millis.isEmpty()) {
            return 0;
        }
        int index = (int) Math.ceil(percentile / 100 * millis.size()) - 1;
        return millis.get(Math.max(0, Math.min(index, millis.size() - 1)));
    }

    /** Lets the clients send for {@code duration}, logging every second how many commands were sent: progress of a long run. */
    public void sendFor(Duration duration, String phase) throws InterruptedException {
        long end = System.nanoTime() + duration.toNanos();
        for (long left; (left = end - System.nanoTime()) > 0; ) {
            Thread.sleep(Math.min(1000, Math.max(1, left / 1_000_000)));
            log.info("{}: {} commands sent", phase, sent());
        }
    }

    /**
     * Milliseconds from {@code sinceMillis} (epoch) until the first command sent after it was
     * answered 2xx: how long the ledger took to take commands again; -1 when none was.
     */
    public static long millisUntilAnswered(List<FirstAnswer> firstAnswers, long sinceMillis) {
        return firstAnswers.stream().filter(answer -> answer.answered() && answer.sentAtMillis() >= sinceMillis)
                .mapToLong(answer -> answer.sentAtMillis() + answer.millis() - sinceMillis).min().orElse(-1);
    }
}
