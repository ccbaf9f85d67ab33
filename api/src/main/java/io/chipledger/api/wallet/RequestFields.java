package io.chipledger.api.wallet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chipledger.api.input.Text;
import io.chipledger.api.problem.InvalidRequestException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/** Checks of the identifiers and texts partners send; every limit is named here. */
public final class RequestFields {

    public static final String IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";
    public static final int TRANSACTION_ID_LENGTH_MAX = 128;
    /** Keys the ledger mints itself, in each partner's key table: player activity (ActivityRecorder). */
    public static final String ACTIVITY_KEY_PREFIX = "activity:";
    /** Keys the ledger mints itself: the expiry of a two-phase withdrawal (WithdrawalExpirySweeper). */
    public static final String EXPIRY_KEY_PREFIX = "expiry:";
    /** Keys the ledger mints itself: the close of an idle game round (RoundTimeoutSweeper). */
    public static final String ROUND_TIMEOUT_KEY_PREFIX = "round-timeout:";
    /** Keys the ledger mints itself: a campaign's delivery to one player, {@code campaign:<campaign_id>:<player_id>} (CampaignDeliveryJob). */
    public static final String CAMPAIGN_KEY_PREFIX = "campaign:";
    /** A partner's idempotency key may start with none of these, so it can never take the ledger's own key's place. */
    public static final List<String> RESERVED_KEY_PREFIXES = List.of(ACTIVITY_KEY_PREFIX, EXPIRY_KEY_PREFIX, ROUND_TIMEOUT_KEY_PREFIX,
            CAMPAIGN_KEY_PREFIX);
    public static final int GAME_ID_LENGTH_MAX = 64;
    /** The most commands one batch ({@code POST /api/v1/batches}) holds; one more refuses the whole batch before anything runs. */
    public static final int BATCH_COMMANDS_MAX = 1_000;
    public static final int REASON_LENGTH_MAX = 500;
    public static final int LABEL_LENGTH_MAX = 100;
    /** What a game's outcome or an activity's meta may weigh, as JSON: a report, not a document store. */
    public static final int FREE_FORM_JSON_BYTES_MAX = 2_048;
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final Pattern TRANSACTION_ID = Pattern.compile("[A-Za-z0-9_.:\\-]{1," + TRANSACTION_ID_LENGTH_MAX + "}");
    public static final Pattern GAME_ID = Pattern.compile("[A-Za-z0-9_.:\\-]{1," + GAME_ID_LENGTH_MAX + "}");

    private RequestFields() {
    }

    /** A partner's transaction id: 1-128 of letters, digits, '_', '.', ':' or '-'. */
    public static String transactionId(String field, String value) {
        return matching(field, value, TRANSACTION_ID, "1-" + TRANSACTION_ID_LENGTH_MAX + " letters, digits, '_', '.', ':' or '-'");
    }

    public static String optionalTransactionId(String field, String value) {
        return value == null ? null : transactionId(field, value);
    }

    public static String gameId(String field, String value) {
        return matching(field, value, GAME_ID, "1-" + GAME_ID_LENGTH_MAX + " letters, digits, '_', '.', ':' or '-'");
    }

    /**
     * A text's length as the OpenAPI document's {@code maxLength} counts it: in characters (code
     * points), so an emoji is one, not the two UTF-16 units Java's {@code length()} counts.
     */
    public static int characters(String value) {
        return value.codePointCount(0, value.length());
    }

    public static String reason(String value) {
        if (value == null || value.isBlank() || characters(value) > REASON_LENGTH_MAX) {
            throw new InvalidRequestException("reason", "reason is required, at most " + REASON_LENGTH_MAX + " characters");
        }
        return value;
    }

    public static String optionalGameId(String field, String value) {
        return value == null ? null : gameId(field, value);
    }

    public static String optionalLabel(String value) {
        if (value != null && (value.isBlank() || characters(value) > LABEL_LENGTH_MAX)) {
            throw new InvalidRequestException("label", "label is at most " + LABEL_LENGTH_MAX + " characters, and not blank");
        }
        return value;
    }

    /** A UUID in its canonical lower-case form, so the same id always reads the same. */
    public static String uuid(String field, String value) {
        if (value == null) {
            throw new InvalidRequestException(field, field + " is required");
        }
        try {
            UUID parsed = UUID.fromString(value);
            if (parsed.toString().equalsIgnoreCase(value)) {
                return parsed.toString();
            }
        } catch (IllegalArgumentException malformed) {
            // answered below
        }
        throw new InvalidRequestException(field, field + " must be a UUID such as 3f1c2a9e-5b7d-4c1e-9a0b-2d4e6f8a1c3b");
    }

    /**
     * A free-form JSON object from a client (a game's outcome, an activity's meta), kept as it came
     * but bounded. Its texts were checked as they were read; its keys and numbers are checked here,
     * since PostgreSQL's jsonb refuses what JSON cannot write (a NUL, an infinite number).
     */
    public static Map<String, Object> freeForm(String field, Map<String, Object> value) {
        if (value == null) {
            return Map.of();
        }
        requirePlainJson(field, value);
        try {
            if (JSON.writeValueAsBytes(value).length > FREE_FORM_JSON_BYTES_MAX) {
                throw new InvalidRequestException(field, field + " is at most " + FREE_FORM_JSON_BYTES_MAX + " bytes of JSON");
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed JSON object always serializes", e);
        }
        return value;
    }

    private static void requirePlainJson(String field, Object value) {
        if (value instanceof Map<?, ?> object) {
            for (Map.Entry<?, ?> entry : object.entrySet()) {
                if (Text.hasForbiddenCharacter(String.valueOf(entry.getKey()))) {
                    throw new InvalidRequestException(field, field + " keys must not contain " + Text.RULE);
                }
                requirePlainJson(field, entry.getValue());
            }
        } else if (value instanceof List<?> list) {
            list.forEach(element -> requirePlainJson(field, element));
        } else if (value instanceof Double number && !Double.isFinite(number)) {
            throw new InvalidRequestException(field, field + " numbers must be finite");
        }
    }

    /** The page size a listing asked for, {@code defaultSize} when it did not ask. */
    public static int pageSize(Integer limit, int defaultSize, int max) {
        int pageSize = limit == null ? defaultSize : limit;
        if (pageSize < 1 || pageSize > max) {
            throw new InvalidRequestException("limit", "limit must be 1.." + max);
        }
        return pageSize;
    }

    /** One of an enum's names, exactly as written; anything else is answered with the names allowed. */
    public static <E extends Enum<E>> E oneOf(String field, String value, Class<E> type) {
        if (value == null) {
            throw new InvalidRequestException(field, field + " is required");
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(value)) {
                return constant;
            }
        }
        throw new InvalidRequestException(field, field + " must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
    }

    /**
     * The idempotency key: the body's transaction id, or else the Idempotency-Key header; never one
     * of the ledger's own key namespaces ({@link #RESERVED_KEY_PREFIXES}).
     */
    public static String idempotencyKey(String bodyTransactionId, String header) {
        if (bodyTransactionId != null) {
            String key = partnerKey("transaction_id_partner", bodyTransactionId);
            if (header != null && !header.equals(key)) {
                throw new InvalidRequestException("Idempotency-Key", "Idempotency-Key differs from transaction_id_partner");
            }
            return key;
        }
        if (header == null) {
            throw new InvalidRequestException("transaction_id_partner",
                    "every state change needs transaction_id_partner or an Idempotency-Key header");
        }
        return partnerKey("Idempotency-Key", header);
    }

    private static String partnerKey(String field, String value) {
        String key = transactionId(field, value);
        for (String reserved : RESERVED_KEY_PREFIXES) {
            if (key.startsWith(reserved)) {
                throw new InvalidRequestException(field, field + " must not start with " + reserved + " (reserved by the ledger)");
            }
        }
        return key;
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
