package io.chipledger.core.settlement;

import java.time.LocalDate;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Issue a partner's settlement statement for the whole UTC days {@code [from, to)} with the figures
 * read from the books ({@code lines}, one per currency). {@code corrects} names the statement this
 * one replaces (same partner and period), or is null.
 */
public record IssueSettlementStatementCommand(@TargetAggregateIdentifier String statementId, String partnerId, LocalDate from,
                                              LocalDate to, String corrects, List<SettlementLine> lines) {
}
