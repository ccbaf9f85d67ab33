package io.chipledger.core.segment;

/**
 * A segment rule or condition that does not hold, with where: a JSON Pointer into what was checked
 * (a rule's {@code /name}, {@code /condition/all/1/value}; a condition's {@code /all/1/value}), so
 * that the problem document can say which part to fix.
 */
public class InvalidSegmentRuleException extends IllegalArgumentException {

    private final String pointer;
    private final String reason;

    public InvalidSegmentRuleException(String pointer, String reason) {
        super((pointer.isEmpty() ? "the condition" : pointer) + ": " + reason);
        this.pointer = pointer;
        this.reason = reason;
    }

    /** What is wrong there, without the where. */
    public String reason() {
        return reason;
    }

    /** Where, as a JSON Pointer; empty for a condition as a whole. */
    public String pointer() {
        return pointer;
    }
}
