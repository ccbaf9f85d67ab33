package io.chipledger.core.wallet;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.chipledger.core.ledger.Posting;
import java.util.List;
import java.util.Map;
import org.axonframework.serialization.Revision;

/**
 * The house paid a win (0 for a lost round: then no postings, and {@code balancesAfter} holds the
 * asset's unchanged balance). The bets it settles (the one it names, or the round's open bets, and
 * every bet still open when it closes the round) can no longer be rolled back. {@code roundClose}
 * says why the round closed with this win, or is null while the round stays open (and in events
 * written before rounds closed, issue 11).
 */
@JsonTypeName("wallet.WinPaidEvent")
@Revision("1")
public record WinPaidEvent(
        WalletId walletId,
        String transactionId,
        String partnerTransactionId,
        String asset,
        long amountMinor,
        String gameId,
        String roundId,
        List<String> settledBetPartnerTransactionIds,
        RoundClose roundClose,
        List<Posting> postings,
        Map<String, Balance> balancesAfter) implements RoundMoneyEvent {
}
