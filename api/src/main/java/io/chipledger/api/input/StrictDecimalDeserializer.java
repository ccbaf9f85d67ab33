package io.chipledger.api.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * Every decimal of a request body (amounts, commission rates), as a JSON string or a JSON number.
 * The token's own text is checked against a plain-decimal grammar before a {@link BigDecimal}
 * exists, so no exponent ever reaches arithmetic: {@code 1e2147483647} cost a 500, and other
 * exponents seconds of CPU and megabytes of answer. Exponents are refused outright; callers of
 * a seamless wallet send plain decimals, and money has no use for them.
 */
public class StrictDecimalDeserializer extends StdScalarDeserializer<BigDecimal> {

    static final int INTEGER_DIGITS_MAX = 19;
    static final int FRACTION_DIGITS_MAX = 18;
    static final int LENGTH_MAX = 1 + INTEGER_DIGITS_MAX + 1 + FRACTION_DIGITS_MAX;
    /** The grammar of every decimal a client sends; the OpenAPI document declares the same pattern. */
    public static final String GRAMMAR = "-?[0-9]{1," + INTEGER_DIGITS_MAX + "}(\\.[0-9]{1," + FRACTION_DIGITS_MAX + "})?";
    private static final Pattern PLAIN_DECIMAL = Pattern.compile(GRAMMAR);
    static final String RULE = "a plain decimal such as \"89.50\": an optional '-', 1-" + INTEGER_DIGITS_MAX
            + " digits, optionally '.' and 1-" + FRACTION_DIGITS_MAX + " digits; no exponent, no spaces";

    /**
     * A decimal given as form text (the console's fields, issue 21), held to the same grammar as a
     * body's: the console builds the API's request without the JSON reader, and an exponent such as
     * {@code 1e2147483647} must not reach arithmetic that way either. Blank is absent (null).
     */
    public static BigDecimal parse(String field, String text) {
        String plain = text == null ? "" : text.strip();
        if (plain.isEmpty()) {
            return null;
        }
        if (plain.length() > LENGTH_MAX || !PLAIN_DECIMAL.matcher(plain).matches()) {
            throw new io.chipledger.api.problem.InvalidRequestException(field, field + " must be " + RULE);
        }
        return new BigDecimal(plain);
    }

    StrictDecimalDeserializer() {
        super(BigDecimal.class);
    }

    @Override
    public BigDecimal deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        JsonToken token = parser.currentToken();
        if (token != JsonToken.VALUE_STRING && token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
            throw new RefusedInputException(parser, "malformed-request", "must be " + RULE);
        }
        String text = parser.getText();
        if (text.length() > LENGTH_MAX || !PLAIN_DECIMAL.matcher(text).matches()) {
            throw new RefusedInputException(parser, "malformed-request", "must be " + RULE);
        }
        return new BigDecimal(text);
    }
}
