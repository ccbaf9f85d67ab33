package io.chipledger.api.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chipledger.api.LedgerApiTest;
import io.chipledger.api.LedgerClient;
import io.chipledger.client.ApiClient;
import io.chipledger.client.ApiException;
import io.chipledger.client.api.PartnersApi;
import io.chipledger.client.api.RoundsApi;
import io.chipledger.client.api.WalletsApi;
import io.chipledger.client.model.BetRequest;
import io.chipledger.client.model.DepositRequest;
import io.chipledger.client.model.KeyRequest;
import io.chipledger.client.model.MoneyResponse;
import io.chipledger.client.model.PartnerRegistration;
import io.chipledger.client.model.RollbackRequest;
import io.chipledger.client.model.TransactionPage;
import io.chipledger.client.model.TransactionView;
import io.chipledger.client.model.WalletResponse;
import io.chipledger.client.model.WinRequest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The README's walk-through, made only through a Java client that openapi-generator made from the
 * committed contract (docs/openapi.json; OpenApiDocumentTest holds it equal to the live document):
 * if the document and the API part, a generated client cannot make these calls (issue 12).
 */
class GeneratedClientWalkthroughTest extends LedgerApiTest {

    @LocalServerPort
    int port;

    private ApiClient clientWith(String header, String key) {
        return new ApiClient().setScheme("http").setHost("127.0.0.1").setPort(port)
                .setRequestInterceptor(request -> request.header(header, key));
    }

    @Test
    void theReadmeWalkThroughRunsThroughAGeneratedClient() throws ApiException {
        ApiClient admin = clientWith("X-Admin-Key", LedgerClient.ADMIN_KEY);
        String player = "alice-" + UUID.randomUUID().toString().substring(0, 8);

        // 1. Register a partner and issue it an API key.
        String partnerId = new PartnersApi(admin).registerPartner(new PartnerRegistration().name("Lucky Ops")
                .type(PartnerRegistration.TypeEnum.OPERATOR).commissionRate("0.05").contactEmail("ops@lucky.example")).getPartnerId();
        String apiKey = new PartnersApi(admin).issueApiKey(partnerId,
                new KeyRequest().scopes(List.of(KeyRequest.ScopesEnum.WALLET_READ, KeyRequest.ScopesEnum.WALLET_WRITE))).getApiKey();
        ApiClient partner = clientWith("X-API-Key", apiKey);
        WalletsApi wallets = new WalletsApi(partner);
        RoundsApi rounds = new RoundsApi(partner);

        // 2. Deposit 100.00 USD; the same request again answers the stored result.
        DepositRequest deposit = new DepositRequest().amount("100.00").currency(DepositRequest.CurrencyEnum.USD).transactionIdPartner("dep-1");
        MoneyResponse deposited = wallets.deposit(player, deposit, null);
        assertThat(deposited.getBalance()).isEqualTo("100.00");
        assertThat(wallets.deposit(player, deposit, null)).isEqualTo(deposited);

        // 3. Bet 10.50 on a slot round, then win 25.00 on it.
        rounds.bet(player, new BetRequest().amount("10.50").currency(BetRequest.CurrencyEnum.USD).gameId("slots").roundId("r-1")
                .transactionIdPartner("bet-1"), null);
        MoneyResponse won = rounds.win(player, new WinRequest().amount("25.00").currency(WinRequest.CurrencyEnum.USD).gameId("slots")
                .roundId("r-1").transactionIdPartner("win-1").betTransactionIdPartner("bet-1"), null);
        assertThat(won.getBalance()).isEqualTo("114.50");

        // 4. Bet again and roll that bet back: the stake is refunded, in the bet's currency.
        rounds.bet(player, new BetRequest().amount("4.50").currency(BetRequest.CurrencyEnum.USD).gameId("slots").roundId("r-2")
                .transactionIdPartner("bet-2"), null);
        MoneyResponse rolledBack = rounds.rollback(player, new RollbackRequest().transactionIdPartner("rb-1")
                .rolledBackTransactionIdPartner("bet-2"), null);
        assertThat(rolledBack.getCurrency()).isEqualTo(MoneyResponse.CurrencyEnum.USD);
        assertThat(rolledBack.getBalance()).isEqualTo("114.50");

        // 5. Read the balances and the history, consistent with the rollback.
        WalletResponse wallet = wallets.getWallet(player, rolledBack.getPosition());
        assertThat(wallet.getBalances().get("USD").getAvailable()).isEqualTo("114.50");
        TransactionPage history = wallets.transactions(player, "USD", 20, null, rolledBack.getPosition());
        assertThat(history.getTransactions()).extracting(TransactionView::getBalanceAfter)
                .containsExactly("114.50", "110.00", "114.50", "89.50", "100.00");

        // A problem is an ApiException with the RFC 7807 body.
        assertThatThrownBy(() -> rounds.bet(player, new BetRequest().amount("500.00").currency(BetRequest.CurrencyEnum.USD)
                .gameId("slots").roundId("r-3").transactionIdPartner("bet-3"), null))
                .isInstanceOfSatisfying(ApiException.class, refused -> {
                    assertThat(refused.getCode()).isEqualTo(422);
                    assertThat(refused.getResponseBody()).contains("insufficient-funds");
                });
    }
}
