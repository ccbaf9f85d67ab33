package io.chipledger.core.segment;

/**
 * A condition the language does not accept, with where: a JSON Pointer into the condition
 * ({@code /all/1/value}), so that the problem document can say which part to fix.
 */
public class InvalidSegmentConditionException extends IllegalArgumentException {

    private final String pointer;

    public InvalidSegmentConditionException(String pointer, String message) {
        super((pointer.isEmpty() ? "the condition" : pointer) + ": " + message);
        this.pointer = pointer;
    }

    /** Where in the condition, as a JSON Pointer; empty for the condition as a whole. */
    public String pointer() {
        return pointer;
    }
}
