package io.chipledger.api.settlement;

import java.util.List;

/**
 * A statement that cannot be issued as asked (409): {@code settlement-period-overlaps} when a
 * current statement of the partner covers part of the period ({@code statements} names them), or
 * {@code settlement-superseded} when the statement to correct was already corrected.
 */
public class SettlementRefusedException extends RuntimeException {

    private final String type;
    private final List<String> statements;

    SettlementRefusedException(String type, String message, List<String> statements) {
        super(message);
        this.type = type;
        this.statements = List.copyOf(statements);
    }

    public String type() {
        return type;
    }

    public List<String> statements() {
        return statements;
    }
}
