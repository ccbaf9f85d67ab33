package io.chipledger.api.settlement;

/** No statement has this id (404 {@code unknown-settlement}). */
public class UnknownSettlementException extends RuntimeException {

    UnknownSettlementException(String statementId) {
        super("no settlement statement " + statementId);
    }
}
