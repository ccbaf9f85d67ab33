import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drives bets and wins over HTTP against a running ChipLedger and prints commands per second,
 * p50 and p99 latency for each concurrency. Run with Java 17, no build step:
 *
 *   java bench/LoadHarness.java [baseUrl] [adminKey] [seconds] [wallets] [concurrency...]
 *
 * Each client loops: pick a random wallet, bet 1.00, then win 0.50 on the same round naming
 * the bet. Every command carries a fresh idempotency key, so all of them are real work.
 */
public class LoadHarness {

    static final int FUNDING_CLIENTS = 16;
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    public static void main(String[] args) throws Exception {
        String baseUrl = args.length > 0 ? args[0] : "http://127.0.0.1:8080";
        String adminKey = args.length > 1 ? args[1] : "bench-admin-key";
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int wallets = args.length > 3 ? Integer.parseInt(args[3]) : 1_000;
        int[] concurrencies = args.length > 4
                ? Arrays.stream(args, 4, args.length).mapToInt(Integer::parseInt).toArray()
                : new int[] {16, 64};

        HttpClient http = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build();
        String partnerId = field(send(http, "POST", baseUrl + "/admin/v1/partners", "X-Admin-Key", adminKey,
                "{\"name\":\"Bench\",\"type\":\"operator\",\"commission_rate\":\"0.05\",\"contact_email\":\"bench@example.com\"}"), "partner_id");
        String apiKey = field(send(http, "POST", baseUrl + "/admin/v1/partners/" + partnerId + "/api-keys", "X-Admin-Key", adminKey,
                "{\"scopes\":[\"wallet:read\",\"wallet:write\"]}"), "api_key");

        long fundingStart = System.nanoTime();
        runClients(FUNDING_CLIENTS, client -> {
            for (int wallet = client; wallet < wallets; wallet += FUNDING_CLIENTS) {
                requireOk(send(http, "POST", baseUrl + "/api/v1/wallets/w" + wallet + "/deposits", "X-API-Key", apiKey,
                        "{\"amount\":\"1000000.00\",\"currency\":\"USD\",\"transaction_id_partner\":\"fund-" + wallet + "\"}"));
            }
        });
        System.out.printf(Locale.ROOT, "funded %d wallets in %.1f s%n", wallets, (System.nanoTime() - fundingStart) / 1e9);

        System.out.println();
        System.out.println("| clients | commands | commands/s | p50 ms | p99 ms | errors |");
        System.out.println("|---:|---:|---:|---:|---:|---:|");
        for (int concurrency : concurrencies) {
            measure(http, baseUrl, apiKey, wallets, concurrency, seconds);
        }
    }

    static void measure(HttpClient http, String baseUrl, String apiKey, int wallets, int concurrency, int seconds) throws Exception {
        long[][] latencies = new long[concurrency][];
        AtomicLong errors = new AtomicLong();
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        String run = Long.toString(System.nanoTime(), 36);
        long start = System.nanoTime();
        runClients(concurrency, client -> {
            long[] own = new long[1 << 12];
            int count = 0;
            for (long round = 0; System.nanoTime() < deadline; round++) {
                int wallet = ThreadLocalRandom.current().nextInt(wallets);
                String betId = "b-" + run + "-" + client + "-" + round;
                String[] bodies = {
                        "{\"amount\":\"1.00\",\"currency\":\"USD\",\"game_id\":\"slots\",\"round_id\":\"" + betId
                                + "\",\"transaction_id_partner\":\"" + betId + "\"}",
                        "{\"amount\":\"0.50\",\"currency\":\"USD\",\"game_id\":\"slots\",\"round_id\":\"" + betId
                                + "\",\"transaction_id_partner\":\"w" + betId + "\",\"bet_transaction_id_partner\":\"" + betId + "\"}"};
                String[] paths = {"/bets", "/wins"};
                for (int i = 0; i < 2; i++) {
                    long sent = System.nanoTime();
                    HttpResponse<String> response = send(http, "POST", baseUrl + "/api/v1/wallets/w" + wallet + paths[i],
                            "X-API-Key", apiKey, bodies[i]);
                    if (response.statusCode() != 200) {
                        errors.incrementAndGet();
                    }
                    if (count == own.length) {
                        own = Arrays.copyOf(own, own.length * 2);
                    }
                    own[count++] = System.nanoTime() - sent;
                }
            }
            latencies[client] = Arrays.copyOf(own, count);
        });
        double elapsed = (System.nanoTime() - start) / 1e9;
        long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
        System.out.printf(Locale.ROOT, "| %d | %d | %.0f | %.1f | %.1f | %d |%n", concurrency, all.length, all.length / elapsed,
                percentile(all, 0.50) / 1e6, percentile(all, 0.99) / 1e6, errors.get());
    }

    interface Client {
        void run(int client) throws Exception;
    }

    static void runClients(int count, Client body) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int client = i;
            Thread thread = new Thread(() -> {
                try {
                    body.run(client);
                } catch (Exception e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("a client failed", failures.get(0));
        }
    }

    static long percentile(long[] sorted, double quantile) {
        return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)];
    }

    static HttpResponse<String> send(HttpClient http, String method, String url, String header, String value, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json").header(header, value)
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    static void requireOk(HttpResponse<String> response) {
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
        }
    }

    static String field(HttpResponse<String> response, String name) {
        requireOk(response);
        Matcher matcher = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(response.body());
        if (!matcher.find()) {
            throw new IllegalStateException("no " + name + " in " + response.body());
        }
        return matcher.group(1);
    }
}
