import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The delay from a command's answer to its message on Kafka (issue 16): the service with its in-JVM
 * broker on a fresh database; clients send deposits at a fixed total rate, each answer's time kept
 * by its partner transaction id; a consumer of {@code wallet.transaction.created} notes when each
 * deposit's message arrives. Both clocks are this JVM's. bench/analytics.sh (phase kafka-latency) calls
 *
 * <pre>java -cp &lt;classes&gt; bench/KafkaLatency.java &lt;jar&gt; &lt;database-url&gt;</pre>
 *
 * Settings: BENCH_KAFKA_RATES ["500 2000"] commands/s, BENCH_KAFKA_SECONDS [30] per rate,
 * BENCH_KAFKA_WARMUP_SECONDS [15] (at the first rate, not reported), BENCH_KAFKA_CLIENTS [64]. A message that arrives before its answer counts as a delay of 0.
 */
public class KafkaLatency {

    private static final Pattern FIELD = Pattern.compile("\"(partner_id|api_key|partner_transaction_id)\":\"([^\"]+)\"");
    private static final int[] RATES = Arrays.stream(AnalyticsSupport.env("BENCH_KAFKA_RATES", "500 2000").trim().split("\\s+"))
            .mapToInt(Integer::parseInt).toArray();
    private static final int SECONDS = Integer.parseInt(AnalyticsSupport.env("BENCH_KAFKA_SECONDS", "30"));
    private static final int WARMUP_SECONDS = Integer.parseInt(AnalyticsSupport.env("BENCH_KAFKA_WARMUP_SECONDS", "15"));
    private static final int CLIENTS = Integer.parseInt(AnalyticsSupport.env("BENCH_KAFKA_CLIENTS", "64"));

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, Long> answered = new ConcurrentHashMap<>();
    private final Map<String, Long> arrived = new ConcurrentHashMap<>();
    private final AtomicLong failed = new AtomicLong();

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: KafkaLatency <jar> <database-url>");
        }
        List<String> report = new ArrayList<>();
        report.add("## Kafka: from a command's answer to its message on the topic");
        report.add("");
        report.add("| commands/s asked | answered/s | messages matched | p50 ms | p99 ms | max ms | failed |");
        report.add("|---:|---:|---:|---:|---:|---:|---:|");
        AnalyticsSupport.progress("service with its in-JVM Kafka broker on %s", args[1]);
        Process service = AnalyticsEndToEnd.launch(args[0], args[1], null);
        try {
            AnalyticsEndToEnd.awaitHealth(service);
            // A first stretch at the lowest rate warms the JIT, the topics and the connections, and is not reported.
            new KafkaLatency().run(RATES[0], WARMUP_SECONDS);
            for (int rate : RATES) {
                report.add(new KafkaLatency().run(rate, SECONDS));
            }
        } finally {
            AnalyticsEndToEnd.stop(service);
            System.out.println();
            report.forEach(System.out::println);
        }
    }

    /** One rate for {@code seconds}: the report's row. */
    private String run(int rate, int seconds) throws Exception {
        String base = "http://127.0.0.1:" + AnalyticsEndToEnd.PORT;
        String partner = field(post(base + "/admin/v1/partners", "X-Admin-Key", AnalyticsEndToEnd.ADMIN_KEY, "{\"name\":\"Latency Ops\","
                + "\"type\":\"operator\",\"commission_rate\":\"0.05\",\"contact_email\":\"ops@bench.example\"}"), "partner_id");
        String key = field(post(base + "/admin/v1/partners/" + partner + "/api-keys", "X-Admin-Key", AnalyticsEndToEnd.ADMIN_KEY,
                "{\"scopes\":[\"wallet:read\",\"wallet:write\"]}"), "api_key");
        AtomicBoolean consuming = new AtomicBoolean(true);
        Thread consumer = new Thread(() -> consume(partner, consuming), "latency-consumer");
        consumer.start();
        Thread.sleep(3_000); // the consumer has its partitions and sits at their ends

        AnalyticsSupport.progress("%,d deposits/s for %d s from %d clients", rate, seconds, CLIENTS);
        Semaphore permits = new Semaphore(0);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        AtomicLong sequence = new AtomicLong();
        AtomicBoolean sending = new AtomicBoolean(true);
        for (int client = 0; client < CLIENTS; client++) {
            String player = "lat-" + rate + "-" + client;
            clients.submit(() -> {
                while (sending.get()) {
                    if (!permits.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                        continue;
                    }
                    String id = "lat-" + sequence.incrementAndGet();
                    HttpResponse<String> answer = post(base + "/api/v1/wallets/" + player + "/deposits", "X-API-Key", key,
                            "{\"amount\":\"1.00\",\"currency\":\"USD\",\"transaction_id_partner\":\"" + id + "\"}");
                    long at = System.nanoTime();
                    if (answer.statusCode() == 200) {
                        answered.put(id, at);
                    } else {
                        failed.incrementAndGet();
                    }
                }
                return null;
            });
        }
        long start = System.nanoTime();
        long issued = 0;
        while (System.nanoTime() - start < seconds * 1_000_000_000L) {
            long due = (System.nanoTime() - start) * rate / 1_000_000_000L;
            if (due > issued) {
                permits.release((int) (due - issued));
                issued = due;
            }
            Thread.sleep(1);
        }
        sending.set(false);
        clients.shutdown();
        clients.awaitTermination(60, TimeUnit.SECONDS);
        double elapsed = (System.nanoTime() - start) / 1e9;
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!arrived.keySet().containsAll(answered.keySet()) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        consuming.set(false);
        consumer.join(10_000);
        AnalyticsSupport.require(arrived.keySet().containsAll(answered.keySet()),
                (answered.size() - answered.keySet().stream().filter(arrived::containsKey).count()) + " answered deposits never reached Kafka");
        long[] delays = answered.entrySet().stream().mapToLong(entry -> Math.max(0, arrived.get(entry.getKey()) - entry.getValue()))
                .sorted().toArray();
        return String.format(Locale.ROOT, "| %,d | %,.0f | %,d | %.1f | %.1f | %.1f | %,d |", rate, answered.size() / elapsed, delays.length,
                percentile(delays, 0.50), percentile(delays, 0.99), delays[delays.length - 1] / 1e6, failed.get());
    }

    private void consume(String partner, AtomicBoolean consuming) {
        // The bench's own logging has no configuration (DEBUG): Kafka's client would print every step.
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("org.apache.kafka")).setLevel(ch.qos.logback.classic.Level.WARN);
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + ProcessorChecks.KAFKA_PORT);
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        properties.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties)) {
            // Every partition assigned directly, from its end: no group to join, so no wait before the first message.
            List<TopicPartition> partitions = consumer.partitionsFor("wallet.transaction.created", Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            while (consuming.get()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                    long at = System.nanoTime();
                    Matcher matcher = FIELD.matcher(new String(record.value(), StandardCharsets.UTF_8));
                    while (matcher.find()) {
                        if (matcher.group(1).equals("partner_transaction_id")) {
                            arrived.putIfAbsent(matcher.group(2), at);
                        }
                    }
                }
            }
        }
    }

    private static double percentile(long[] sorted, double share) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(share * sorted.length) - 1)] / 1e6;
    }

    private HttpResponse<String> post(String url, String header, String key, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).header(header, key)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String field(HttpResponse<String> response, String name) {
        Matcher matcher = FIELD.matcher(response.body());
        while (matcher.find()) {
            if (matcher.group(1).equals(name)) {
                return matcher.group(2);
            }
        }
        throw new IllegalStateException("no " + name + " in " + response.statusCode() + " " + response.body());
    }
}
