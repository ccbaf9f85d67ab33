package io.chipledger.core.settlement;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * A settlement statement was issued: its figures, frozen. Later events never change them; a
 * correction is another statement whose {@code corrects} names this one.
 */
@JsonTypeName("settlement.SettlementStatementIssuedEvent")
@Revision("1")
public record SettlementStatementIssuedEvent(String statementId, String partnerId, LocalDate from, LocalDate to, String corrects,
                                             List<SettlementLine> lines) {
}
