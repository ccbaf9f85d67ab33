package io.chipledger.core.segment;

import java.util.Arrays;
import java.util.Optional;

/** A comparison of a segment condition's leaf, by its symbol in the condition language. */
public enum SegmentOperator {
    EQ("=="), NE("!="), GT(">"), GE(">="), LT("<"), LE("<="), IS_NULL("is_null"), NOT_NULL("not_null");

    private final String symbol;

    SegmentOperator(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    /** Whether it tests the presence of a value and so takes none. */
    public boolean testsNull() {
        return this == IS_NULL || this == NOT_NULL;
    }

    /** Whether it orders values, which a country cannot be. */
    public boolean orders() {
        return this == GT || this == GE || this == LT || this == LE;
    }

    public static Optional<SegmentOperator> withSymbol(String symbol) {
        return Arrays.stream(values()).filter(operator -> operator.symbol.equals(symbol)).findFirst();
    }
}
