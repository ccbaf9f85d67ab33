package io.chipledger.api.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonMappingException;

/**
 * A JSON value of the right kind whose text breaks the grammar of its field, refused while the
 * body is parsed. Jackson keeps this type as it adds the field's path, so the problem document
 * can name the field and say, in our words only, what is wrong.
 */
public class RefusedInputException extends JsonMappingException {

    private final String problemType;
    private final String reason;

    RefusedInputException(JsonParser parser, String problemType, String reason) {
        super(parser, reason);
        this.problemType = problemType;
        this.reason = reason;
    }

    /** The problem type's slug: {@code malformed-request} or {@code invalid-request}. */
    public String problemType() {
        return problemType;
    }

    /** What is wrong, without the value itself. */
    public String reason() {
        return reason;
    }
}
