package io.chipledger.api.problem;

/** A request field that is missing or malformed: answered 400 before anything is stored. */
public class InvalidRequestException extends RuntimeException {

    private final String field;

    public InvalidRequestException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
