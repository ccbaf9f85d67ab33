package io.chipledger.api.books;

import com.fasterxml.jackson.databind.JsonNode;
import io.chipledger.api.LedgerClient;
import io.chipledger.api.LedgerClient.Reply;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.assertj.core.api.SoftAssertions;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A partner's books, checked against its events once the projections have caught up:
 * <ol>
 * <li>per asset, all wallet balances (available and reserved, from the wallet endpoint) and all
 * system accounts (from the system-accounts endpoint) add up to exactly zero;</li>
 * <li>each wallet's history has one line-set per money event, and its lines add up to its balance,
 * which is the balance its newest event recorded;</li>
 * <li>the play log, the purchases and the player activity hold each play, purchase and activity once;</li>
 * <li>the system account entries are one per money event, account and asset whose postings do not net out.</li>
 * </ol>
 */
final class Books {

    /** How long the read models may take to handle a try's events on this 2-core machine, with room to spare. */
    static final Duration CATCH_UP_WAIT_MAX = Duration.ofSeconds(60);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

    /** One rule: a figure the events imply, and the same figure as a read model has it. */
    record Comparison(String rule, Map<String, String> expected, Map<String, String> actual) {

        List<String> differences() {
            return Figures.differences(expected, actual);
        }
    }

    private final JdbcTemplate jdbc;
    private final LedgerClient client;

    Books(JdbcTemplate jdbc, LedgerClient client) {
        this.jdbc = jdbc;
        this.client = client;
    }

    /**
     * Polls until every projection has handled every event of these partners, by figures that do
     * not depend on the system account entries (whose loss is what the checks look for): each
     * wallet's balances stand at its newest money event (the entries of an event are written in
     * the same transaction as its balances), and the history, play log, purchases and activity
     * hold as many rows as the events imply. Answers whether that happened before the deadline.
     */
    boolean awaitCaughtUp(List<String> partnerIds) throws InterruptedException {
        long deadline = System.nanoTime() + CATCH_UP_WAIT_MAX.toNanos();
        while (!caughtUp(partnerIds)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(POLL_INTERVAL.toMillis());
        }
        return true;
    }

    private boolean caughtUp(List<String> partnerIds) {
        for (String partnerId : partnerIds) {
            EventFigures events = new EventFigures(jdbc, partnerId);
            ReadModelFigures readModels = new ReadModelFigures(jdbc, partnerId);
            List<Comparison> progress = List.of(
                    new Comparison("balances", events.newestMoneyEvents(), readModels.newestMoneyEvents()),
                    new Comparison("history", events.historyLines(), readModels.historyLines()),
                    new Comparison("play log", events.plays(), readModels.plays()),
                    new Comparison("purchases", events.purchases(), readModels.purchases()),
                    new Comparison("activity feed", events.activity(), events.activityRecorded()),
                    new Comparison("activity", events.activity(), readModels.activity()));
            if (progress.stream().anyMatch(comparison -> !comparison.expected().equals(comparison.actual()))) {
                return false;
            }
        }
        return true;
    }

    /** Every rule of the books for one partner; each broken rule is one failure of {@code softly}. */
    void check(SoftAssertions softly, String partnerId) {
        checkBalanced(softly, partnerId);
        EventFigures events = new EventFigures(jdbc, partnerId);
        ReadModelFigures readModels = new ReadModelFigures(jdbc, partnerId);
        List<Comparison> rules = List.of(
                new Comparison("one history line-set per money event (wallet #sequence asset: kind)", events.historyLines(),
                        readModels.historyLines()),
                new Comparison("each wallet's history adds up to its balance", readModels.balances(), readModels.historySums()),
                new Comparison("each balance is the one its wallet's newest event recorded", events.balances(), readModels.balances()),
                new Comparison("one play-log row per play", events.plays(), readModels.plays()),
                new Comparison("one purchase row per purchase", events.purchases(), readModels.purchases()),
                new Comparison("one activity per play and deposit, stored on the profile", events.activity(), events.activityRecorded()),
                new Comparison("one activity per play and deposit, counted", events.activity(), readModels.activity()),
                new Comparison("one system account entry per money event, account and asset (entries, sum)", events.systemEntries(),
                        readModels.systemEntries()));
        for (Comparison rule : rules) {
            softly.assertThat(rule.differences()).as("partner %s: %s", partnerId, rule.rule()).isEmpty();
        }
    }

    /**
     * The double-entry rule as a partner's staff sees it through the API: for each asset, what the
     * players hold and what the system accounts hold add up to zero.
     */
    private void checkBalanced(SoftAssertions softly, String partnerId) {
        Map<String, BigDecimal> wallets = new TreeMap<>();
        for (String player : new EventFigures(jdbc, partnerId).players()) {
            Reply wallet = client.admin("GET", "/admin/v1/partners/" + partnerId + "/wallets/" + player, null);
            softly.assertThat(wallet.status()).as("partner %s: the wallet of %s is shown: %s", partnerId, player, wallet.raw())
                    .isEqualTo(200);
            for (Iterator<Map.Entry<String, JsonNode>> assets = wallet.body().path("balances").fields(); assets.hasNext(); ) {
                Map.Entry<String, JsonNode> asset = assets.next();
                wallets.merge(asset.getKey(), new BigDecimal(asset.getValue().path("available").asText())
                        .add(new BigDecimal(asset.getValue().path("reserved").asText())), BigDecimal::add);
            }
        }
        Reply accounts = client.admin("GET", "/admin/v1/partners/" + partnerId + "/system-accounts", null);
        softly.assertThat(accounts.status()).as("partner %s: the system accounts are shown: %s", partnerId, accounts.raw())
                .isEqualTo(200);
        Map<String, BigDecimal> system = new TreeMap<>();
        for (JsonNode account : accounts.body()) {
            system.merge(account.path("currency").asText(), new BigDecimal(account.path("balance").asText()), BigDecimal::add);
        }
        softly.assertThat(imbalances(wallets, system)).as("partner %s: per asset, wallets and system accounts add up to zero", partnerId)
                .isEmpty();
    }

    /** Each asset whose wallets and system accounts do not add up to zero, with both sides. */
    private static List<String> imbalances(Map<String, BigDecimal> wallets, Map<String, BigDecimal> system) {
        TreeSet<String> assets = new TreeSet<>(wallets.keySet());
        assets.addAll(system.keySet());
        List<String> imbalances = new ArrayList<>();
        for (String asset : assets) {
            BigDecimal held = wallets.getOrDefault(asset, BigDecimal.ZERO);
            BigDecimal owed = system.getOrDefault(asset, BigDecimal.ZERO);
            if (held.add(owed).signum() != 0) {
                imbalances.add(asset + ": wallets " + held.toPlainString() + " + system accounts " + owed.toPlainString()
                        + " = " + held.add(owed).toPlainString());
            }
        }
        return imbalances;
    }
}
