package io.chipledger.analytics.kafka;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The names of the topics the publisher writes (issues 16, 17 and 20; {@code chipledger.kafka.topics.*}).
 *
 * @param ledgerEvents every stored event, keyed by its aggregate (default {@code chipledger.ledger.events})
 * @param transactionCreated one message per money movement of a wallet (default {@code wallet.transaction.created})
 * @param amlAlertCreated one message per AML alert raised (default {@code aml.alert.created})
 * @param playerSegmentChanged one message per change of a player's segment, keyed by the player (default {@code player.segment.changed})
 * @param campaignRewardDelivered one message per campaign delivery, with its rendered message, keyed by the player (default
 *        {@code campaign.reward.delivered})
 */
public record StreamTopics(String ledgerEvents, String transactionCreated, String amlAlertCreated, String playerSegmentChanged,
                           String campaignRewardDelivered) {

    /** Kafka's own rule for a topic name (clients and brokers refuse anything else). */
    private static final Pattern LEGAL_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    public static final StreamTopics DEFAULT = new StreamTopics("chipledger.ledger.events", "wallet.transaction.created",
            "aml.alert.created", "player.segment.changed", "campaign.reward.delivered");

    public StreamTopics {
        for (String name : new String[] {ledgerEvents, transactionCreated, amlAlertCreated, playerSegmentChanged, campaignRewardDelivered}) {
            if (name == null || !LEGAL_NAME.matcher(name).matches() || name.equals(".") || name.equals("..")) {
                throw new IllegalArgumentException("a Kafka topic name is 1-249 of a-z A-Z 0-9 . _ -, not '" + name + "'");
            }
        }
        List<String> all = List.of(ledgerEvents, transactionCreated, amlAlertCreated, playerSegmentChanged, campaignRewardDelivered);
        if (all.stream().distinct().count() != all.size()) {
            throw new IllegalArgumentException("the " + all.size() + " topics need " + all.size() + " names: " + all);
        }
    }

    public List<String> all() {
        return List.of(ledgerEvents, transactionCreated, amlAlertCreated, playerSegmentChanged, campaignRewardDelivered);
    }
}
