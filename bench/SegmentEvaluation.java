import com.fasterxml.jackson.databind.ObjectMapper;
import io.chipledger.core.segment.SegmentConditions;
import io.chipledger.projections.segment.PlayerFacts;
import io.chipledger.projections.segment.SegmentEvaluator;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Segment evaluation (issue 17): PLAYERS players' facts against RULES partner rules and the
 * built-in defaults, in memory, on one thread. The figure is the decision itself (conditions read
 * once, facts read at one instant), what a daily pass costs on top of reading the facts.
 * Run by bench/segments.sh; prints the time of each of ROUNDS rounds and the segment sizes.
 */
public class SegmentEvaluation {

    public static void main(String[] args) throws Exception {
        int players = Integer.parseInt(System.getenv().getOrDefault("PLAYERS", "1000000"));
        int ruleCount = Integer.parseInt(System.getenv().getOrDefault("RULES", "20"));
        int rounds = Integer.parseInt(System.getenv().getOrDefault("ROUNDS", "5"));
        // NO_MATCH=1: every rule ends with a leaf no player meets, so each player goes through all 20 and the defaults.
        boolean noMatch = "1".equals(System.getenv("NO_MATCH"));
        Random random = new Random(20261130);
        Instant now = Instant.parse("2026-11-30T00:00:00Z");
        List<SegmentEvaluator.Rule> rules = rules(ruleCount, random, noMatch);
        SegmentEvaluator evaluator = new SegmentEvaluator(rules, Map.of("USD", new BigDecimal("10000")));

        List<PlayerFacts> facts = new ArrayList<>(players);
        for (int i = 0; i < players; i++) {
            facts.add(player(random, now));
        }
        System.out.printf("%,d players, %d rules (+ defaults)%s, %d rounds%n", players, ruleCount, noMatch ? " none of which matches" : "",
                rounds);
        Map<String, Integer> sizes = new TreeMap<>();
        for (int round = 0; round < rounds; round++) {
            sizes.clear();
            long started = System.nanoTime();
            for (PlayerFacts player : facts) {
                sizes.merge(evaluator.decide(player.at(now, asset -> 2)).segment(), 1, Integer::sum);
            }
            long millis = (System.nanoTime() - started) / 1_000_000;
            System.out.printf("round %d: %,d ms, %,.0f players/s%n", round + 1, millis, players * 1000.0 / Math.max(millis, 1));
        }
        System.out.println("segments: " + sizes);
    }

    /** Rules as marketing writes them: two to four leaves under all/any, over days, amounts, counts and the country. */
    private static List<SegmentEvaluator.Rule> rules(int count, Random random, boolean noMatch) throws Exception {
        ObjectMapper json = new ObjectMapper();
        String[] leaves = {
                "{\"field\":\"days_since_last_login\",\"op\":\">=\",\"value\":%d}",
                "{\"field\":\"days_since_last_charge\",\"op\":\"<\",\"value\":%d}",
                "{\"field\":\"deposit_total\",\"asset\":\"USD\",\"op\":\">=\",\"value\":\"%d.00\"}",
                "{\"field\":\"net_deposit\",\"asset\":\"USD\",\"op\":\"<\",\"value\":\"%d\"}",
                "{\"field\":\"roulette_plays\",\"op\":\">\",\"value\":%d}",
                "{\"field\":\"total_play_duration\",\"op\":\">=\",\"value\":%d}",
                "{\"field\":\"registered_days_ago\",\"op\":\"<=\",\"value\":%d}",
                "{\"not\":{\"field\":\"country\",\"op\":\"==\",\"value\":\"KR\"}}%.0s"};
        List<SegmentEvaluator.Rule> rules = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<String> parts = new ArrayList<>();
            for (int leaf = 0; leaf < 2 + random.nextInt(3); leaf++) {
                parts.add(String.format(leaves[random.nextInt(leaves.length)], 1 + random.nextInt(5_000)));
            }
            String condition = "{\"" + (random.nextBoolean() ? "all" : "any") + "\":[" + String.join(",", parts) + "]}";
            if (noMatch) {
                condition = "{\"all\":[" + condition + ",{\"field\":\"registered_days_ago\",\"op\":\"<\",\"value\":-1}]}";
            }
            rules.add(new SegmentEvaluator.Rule(String.format("sr_%016x", i), "rule " + i, "S" + (i % 7), i, true,
                    SegmentConditions.parse(json.readTree(condition))));
        }
        return rules;
    }

    private static PlayerFacts player(Random random, Instant now) {
        Instant registered = now.minus(Duration.ofMinutes(random.nextInt(60 * 24 * 720)));
        Instant login = random.nextInt(10) == 0 ? null : now.minus(Duration.ofMinutes(random.nextInt(60 * 24 * 60)));
        Instant charge = random.nextInt(4) == 0 ? null : now.minus(Duration.ofMinutes(random.nextInt(60 * 24 * 60)));
        long deposited = charge == null ? 0 : random.nextInt(2_000_000);
        return new PlayerFacts(registered, login, charge, login, random.nextInt(300), random.nextInt(300), random.nextInt(100),
                random.nextInt(100_000), random.nextBoolean() ? "KR" : "JP", Map.of("USD", deposited), Map.of("USD", deposited / 3),
                Map.of("USD", deposited * 2), Map.of("USD", deposited / 2));
    }
}
