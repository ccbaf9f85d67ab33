package io.chipledger.api.wallet;

import io.chipledger.api.problem.InvalidRequestException;
import java.util.regex.Pattern;

/** Checks of the identifiers and texts partners send; every limit is named here. */
final class RequestFields {

    static final int TRANSACTION_ID_LENGTH_MAX = 128;
    static final int GAME_ID_LENGTH_MAX = 64;
    static final int REASON_LENGTH_MAX = 500;
    private static final Pattern TRANSACTION_ID = Pattern.compile("[A-Za-z0-9_.:\\-]{1," + TRANSACTION_ID_LENGTH_MAX + "}");
    private static final Pattern GAME_ID = Pattern.compile("[A-Za-z0-9_.:\\-]{1," + GAME_ID_LENGTH_MAX + "}");

    private RequestFields() {
    }

    static String transactionId(String field, String value) {
        return matching(field, value, TRANSACTION_ID, "1-" + TRANSACTION_ID_LENGTH_MAX + " letters, digits, '_', '.', ':' or '-'");
    }

    static String optionalTransactionId(String field, String value) {
        return value == null ? null : transactionId(field, value);
    }

    static String gameId(String field, String value) {
        return matching(field, value, GAME_ID, "1-" + GAME_ID_LENGTH_MAX + " letters, digits, '_', '.', ':' or '-'");
    }

    static String reason(String value) {
        if (value == null || value.isBlank() || value.length() > REASON_LENGTH_MAX) {
            throw new InvalidRequestException("reason", "reason is required, at most " + REASON_LENGTH_MAX + " characters");
        }
        return value;
    }

    /** The idempotency key: the body's transaction id, or else the Idempotency-Key header. */
    static String idempotencyKey(String bodyTransactionId, String header) {
        if (bodyTransactionId != null) {
            String key = transactionId("transaction_id_partner", bodyTransactionId);
            if (header != null && !header.equals(key)) {
                throw new InvalidRequestException("Idempotency-Key", "Idempotency-Key differs from transaction_id_partner");
            }
            return key;
        }
        if (header == null) {
            throw new InvalidRequestException("transaction_id_partner",
                    "every state change needs transaction_id_partner or an Idempotency-Key header");
        }
        return transactionId("Idempotency-Key", header);
    }

    private static String matching(String field, String value, Pattern pattern, String rule) {
        if (value == null) {
            throw new InvalidRequestException(field, field + " is required");
        }
        if (!pattern.matcher(value).matches()) {
            throw new InvalidRequestException(field, field + " must be " + rule);
        }
        return value;
    }
}
