package io.chipledger.analytics.kafka;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The names of the three topics the publisher writes (issue 16; {@code chipledger.kafka.topics.*}).
 *
 * @param ledgerEvents every stored event, keyed by its aggregate (default {@code chipledger.ledger.events})
 * @param transactionCreated one message per money movement of a wallet (default {@code wallet.transaction.created})
 * @param amlAlertCreated one message per AML alert raised (default {@code aml.alert.created})
 */
public record StreamTopics(String ledgerEvents, String transactionCreated, String amlAlertCreated) {

    /** Kafka's own rule for a topic name (clients and brokers refuse anything else). */
    private static final Pattern LEGAL_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    public static final StreamTopics DEFAULT = new StreamTopics("chipledger.ledger.events", "wallet.transaction.created",
            "aml.alert.created");

    public StreamTopics {
        for (String name : new String[] {ledgerEvents, transactionCreated, amlAlertCreated}) {
            if (name == null || !LEGAL_NAME.matcher(name).matches() || name.equals(".") || name.equals("..")) {
                throw new IllegalArgumentException("a Kafka topic name is 1-249 of a-z A-Z 0-9 . _ -, not '" + name + "'");
            }
        }
        if (List.of(ledgerEvents, transactionCreated, amlAlertCreated).stream().distinct().count() != 3) {
            throw new IllegalArgumentException("the three topics need three names: " + List.of(ledgerEvents, transactionCreated, amlAlertCreated));
        }
    }

    public List<String> all() {
        return List.of(ledgerEvents, transactionCreated, amlAlertCreated);
    }
}
