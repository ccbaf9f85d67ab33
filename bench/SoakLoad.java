import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A steady, open-loop load of money commands: command n is due at start + n / rate, whatever the
 * service did with the ones before. Client threads take the next due command in turn; a command's
 * latency runs from the moment it was due, not from when a client got round to sending it, so a
 * stall of the service shows in full in the latencies of every command that waited behind it
 * (no coordinated omission). Each client plays game rounds on random wallets (a bet, then its win
 * or rollback: {@link BenchLedger#round}), every command with a fresh idempotency key.
 */
public final class SoakLoad {

    /** What was answered since the previous {@link #window()}: latencies in nanoseconds, commands answered 200, the rest. */
    public record Window(long[] latencies, long answered, long errors) {
    }

    private final int port;
    private final String apiKey;
    private final List<String> wallets;
    private final int rate;
    private final int clients;
    private final AtomicLong nextCommand = new AtomicLong();
    private final Object windowLock = new Object();
    private final List<Thread> threads = new ArrayList<>();
    private long[] latencies = new long[1024];
    private int count;
    private long answered;
    private long errors;
    private long startNanos;
    private long endNanos;
    private String lastError = "";

    /**
     * @param rate    commands per second, all clients together
     * @param clients client threads, each with one keep-alive connection: enough that a few slow answers do not hold up the schedule
     */
    public SoakLoad(int port, String apiKey, List<String> wallets, int rate, int clients) {
        this.port = port;
        this.apiKey = apiKey;
        this.wallets = wallets;
        this.rate = rate;
        this.clients = clients;
    }

    /** Starts the clients; the load runs for {@code seconds}, then {@link #await()} returns. */
    public void start(long seconds) {
        nextCommand.set(0);
        startNanos = System.nanoTime();
        endNanos = startNanos + seconds * 1_000_000_000L;
        String run = Long.toString(System.nanoTime(), 36);
        for (int client = 0; client < clients; client++) {
            String prefix = "soak-" + run + "-" + client + "-";
            Thread thread = new Thread(() -> runClient(prefix), "soak-client-" + client);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    public void await() throws InterruptedException {
        for (Thread thread : threads) {
            thread.join();
        }
        threads.clear();
    }

    /** The answers since the previous call (or the start), and starts a new window. */
    public Window window() {
        synchronized (windowLock) {
            Window window = new Window(Arrays.copyOf(latencies, count), answered, errors);
            count = 0;
            answered = 0;
            errors = 0;
            return window;
        }
    }

    /** Commands due by now that no client has taken yet: above zero, every client is busy and the schedule slips. */
    public long behind() {
        long due = (System.nanoTime() - startNanos) * rate / 1_000_000_000L;
        return Math.max(0, due - nextCommand.get());
    }

    /** The last refusal or failure, for the progress line; empty when there was none. */
    public String lastError() {
        synchronized (windowLock) {
            return lastError;
        }
    }

    private void runClient(String prefix) {
        Http http = null;
        String[] settle = null;
        String settleWallet = null;
        long round = 0;
        while (true) {
            long command = nextCommand.getAndIncrement();
            long due = startNanos + command * 1_000_000_000L / rate;
            if (due >= endNanos) {
                break;
            }
            LockSupport.parkNanos(due - System.nanoTime());
            String wallet;
            String[] request;
            String[] next = null;
            if (settle != null) {
                wallet = settleWallet;
                request = settle;
            } else {
                wallet = wallets.get(ThreadLocalRandom.current().nextInt(wallets.size()));
                String[][] commands = BenchLedger.round(prefix + round++);
                request = commands[0];
                next = commands[1];
            }
            settle = null;
            try {
                if (http == null) {
                    http = Http.open(port);
                }
                Http.Response response = http.send("POST", "/api/v1/wallets/" + wallet + request[0], "X-API-Key", apiKey, request[1]);
                boolean ok = response.status() == 200;
                record(System.nanoTime() - due, ok, ok ? null : "HTTP " + response.status() + " on " + request[0] + ": "
                        + response.body().substring(0, Math.min(200, response.body().length())));
                if (ok && next != null) {
                    settle = next;
                    settleWallet = wallet;
                }
            } catch (IOException | RuntimeException failed) {
                // No answer (timeout, connection lost): an error; a new connection for the next command,
                // and a bet whose outcome is unknown is not settled.
                record(System.nanoTime() - due, false, failed.toString());
                closeQuietly(http);
                http = null;
            }
        }
        closeQuietly(http);
    }

    private void record(long latencyNanos, boolean ok, String error) {
        synchronized (windowLock) {
            if (count == latencies.length) {
                latencies = Arrays.copyOf(latencies, count * 2);
            }
            latencies[count++] = latencyNanos;
            if (ok) {
                answered++;
            } else {
                errors++;
                lastError = error;
            }
        }
    }

    private static void closeQuietly(Http http) {
        if (http != null) {
            try {
                http.close();
            } catch (IOException ignored) {
                // the connection is dropped either way
            }
        }
    }
}
