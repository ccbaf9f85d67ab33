import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Wallet commands over HTTP while another bench measures something else (issue 15: the AML engine
 * catching up while commands flow): a partner of its own, {@code clients} threads each sending a
 * deposit, then withdrawals and deposits of 1.00 in turn, to its own player, counting answers by status. {@link #window} gives the
 * commands per second since the last call, so one run compares two stretches.
 */
public final class CommandLoad implements AutoCloseable {

    private static final Pattern FIELD = Pattern.compile("\"(partner_id|api_key)\":\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong succeeded = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final List<Thread> threads = new ArrayList<>();
    private long windowStart = System.nanoTime();
    private long windowSucceeded;

    private CommandLoad(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /** Registers a partner with the admin key and starts {@code clients} threads. */
    public static CommandLoad start(int port, String adminKey, int clients) throws Exception {
        CommandLoad load = new CommandLoad(port);
        String partner = load.field(load.send("/admin/v1/partners", "X-Admin-Key", adminKey, "{\"name\":\"Bench Ops\",\"type\":\"operator\","
                + "\"commission_rate\":\"0.05\",\"contact_email\":\"ops@bench.example\"}"), "partner_id");
        String key = load.field(load.send("/admin/v1/partners/" + partner + "/api-keys", "X-Admin-Key", adminKey,
                "{\"scopes\":[\"wallet:read\",\"wallet:write\"]}"), "api_key");
        for (int client = 0; client < clients; client++) {
            String player = "load-" + client;
            Thread thread = new Thread(() -> load.run(key, player), "command-load-" + client);
            thread.setDaemon(true);
            load.threads.add(thread);
            thread.start();
        }
        return load;
    }

    /** Commands answered 2xx per second since the previous call (or the start), and resets the window. */
    public synchronized double window() {
        long now = System.nanoTime();
        long total = succeeded.get();
        double perSecond = (total - windowSucceeded) / ((now - windowStart) / 1e9);
        windowStart = now;
        windowSucceeded = total;
        return perSecond;
    }

    public long failed() {
        return failed.get();
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        for (Thread thread : threads) {
            thread.join(10_000);
        }
    }

    private void run(String key, String player) {
        try {
            count(send("/api/v1/wallets/" + player + "/deposits", "X-API-Key", key, "{\"amount\":\"1000000.00\",\"currency\":\"USD\","
                    + "\"transaction_id_partner\":\"" + UUID.randomUUID() + "\"}"));
            for (long i = 0; running.get(); i++) {
                // Deposits and withdrawals of 1.00 in turn: money movements the engine scores, with no limit to run into.
                count(send("/api/v1/wallets/" + player + (i % 2 == 0 ? "/withdrawals" : "/deposits"), "X-API-Key", key,
                        "{\"amount\":\"1.00\",\"currency\":\"USD\",\"transaction_id_partner\":\"" + UUID.randomUUID() + "\"}"));
            }
        } catch (Exception stopped) {
            failed.incrementAndGet();
        }
    }

    private void count(HttpResponse<String> response) {
        (response.statusCode() / 100 == 2 ? succeeded : failed).incrementAndGet();
    }

    private HttpResponse<String> send(String path, String header, String key, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).header(header, key)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String field(HttpResponse<String> response, String name) {
        Matcher matcher = FIELD.matcher(response.body());
        while (matcher.find()) {
            if (matcher.group(1).equals(name)) {
                return matcher.group(2);
            }
        }
        throw new IllegalStateException("no " + name + " in " + response.statusCode() + " " + response.body());
    }
}
