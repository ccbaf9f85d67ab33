package io.chipledger.api.books;

import static org.assertj.core.api.Assertions.assertThat;

import io.chipledger.api.LedgerClient;
import io.chipledger.api.LedgerClient.Reply;
import io.chipledger.api.books.PartnerBackends.Answer;
import io.chipledger.api.books.PartnerBackends.Partner;
import io.chipledger.api.books.Steps.Deposit;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.spring.JqwikSpringSupport;
import org.assertj.core.api.SoftAssertions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * The books balance under concurrency: random workloads of every money command, sent at once by
 * 8 to 16 partners' backends over the real HTTP API (and so through the real group commit), for
 * two or three new partners per try, over wallets opened before the burst and wallets the burst
 * opens. Once the projections have caught up, every rule of {@link Books} must hold for every
 * partner: a refused command changes nothing, an executed one is in every read model exactly once.
 *
 * <p>The service runs once for the whole test run: the configuration is the one of
 * {@code LedgerApiTest}, so Spring's test context cache hands this class the same running service
 * (jqwik-spring takes part in that cache). Tries are few and not shrunk: each is a few hundred
 * HTTP commands, and a concurrent failure does not replay from its seed anyway.
 */
@JqwikSpringSupport
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class BooksBalanceProperties {

    /** Money commands per try, after the setup that opens the old wallets. */
    private static final int BURST_COMMANDS_MIN = 200;
    private static final int BURST_COMMANDS_MAX = 320;

    /** The reproduction of the lost cashier entries: deposits, wallets and backends. */
    private static final int DEPOSITS = 400;
    private static final int DEPOSIT_WALLETS = 40;
    private static final int DEPOSIT_BACKENDS = 16;

    @LocalServerPort
    private int port;

    @Autowired
    private JdbcTemplate jdbc;

    @Provide
    Arbitrary<Workload> workloads() {
        return Workload.workloads(BURST_COMMANDS_MIN, BURST_COMMANDS_MAX);
    }

    @Property(tries = 6, shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
    void theBooksBalanceWhateverCommandsArriveTogether(@ForAll("workloads") Workload workload) throws Exception {
        LedgerClient client = new LedgerClient(port);
        List<Partner> partners = newPartners(client, workload.partnerCount());

        List<Answer> answers = send(workload, partners);
        answers.forEach(answer -> Statistics.label("answers").collect(answer.outcome()));

        assertBooks(client, partners, answers);
    }

    /**
     * Every projection rebuilt from the whole history after a concurrent workload holds exactly
     * the rows it held: rows are keyed by each event's own identity, so a replay, whose events
     * arrive in store order without gaps, writes the same rows as the live run did.
     */
    @Property(tries = 1, shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
    void rebuildingEveryProjectionAfterAConcurrentWorkloadGivesTheSameRows(@ForAll("workloads") Workload workload) throws Exception {
        LedgerClient client = new LedgerClient(port);
        List<Partner> partners = newPartners(client, workload.partnerCount());
        assertBooks(client, partners, send(workload, partners));
        List<String> partnerIds = partners.stream().map(Partner::id).toList();
        ReadModelRows before = ReadModelRows.of(jdbc, partnerIds);

        Rebuilds.rebuildEveryProjection(client);

        assertThat(ReadModelRows.of(jdbc, partnerIds)).isEqualTo(before);
    }

    /**
     * Many first deposits into new wallets at once: the commits of concurrent groups reach the
     * store out of order, and every deposit must still have its one entry on the cashier account.
     */
    @Property(tries = 1, shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
    void everyOneOfManyConcurrentDepositsHasItsCashierEntry(@ForAll("depositAmounts") DepositAmounts amounts) throws Exception {
        LedgerClient client = new LedgerClient(port);
        List<Partner> partners = newPartners(client, 1);
        List<Deposit> deposits = new ArrayList<>();
        for (int index = 0; index < amounts.cents().size(); index++) {
            deposits.add(new Deposit(0, Workload.player(index % DEPOSIT_WALLETS), "deposit-" + index, "USD", amounts.cents().get(index)));
        }

        List<Answer> answers = new PartnerBackends(port, partners).send(deposits, DEPOSIT_BACKENDS);

        String partnerId = partners.get(0).id();
        long depositEvents = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE starts_with(aggregate_identifier, ?) "
                + "AND payload_type = 'wallet.FundsDepositedEvent'", Long.class, partnerId + ":");
        assertThat(depositEvents).as("every deposit was executed: %s", PartnerBackends.summary(answers)).isEqualTo(DEPOSITS);
        assertBooks(client, partners, answers);
    }

    /** Amounts of 0.01 to 9.99 USD; a failed try reports their count and total, not each one. */
    record DepositAmounts(List<Long> cents) {
        @Override
        public String toString() {
            return cents.size() + " deposits of 0.01 to 9.99 USD, " + Steps.decimal("USD", cents.stream().mapToLong(Long::longValue).sum())
                    + " USD in all";
        }
    }

    @Provide
    Arbitrary<DepositAmounts> depositAmounts() {
        return Arbitraries.longs().between(1, 999).list().ofSize(DEPOSITS).map(DepositAmounts::new);
    }

    private void assertBooks(LedgerClient client, List<Partner> partners, List<Answer> answers) throws InterruptedException {
        Books books = new Books(jdbc, client);
        List<String> partnerIds = partners.stream().map(Partner::id).toList();
        boolean caughtUp = books.awaitCaughtUp(partnerIds);
        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(answers.stream().filter(Answer::unexpected).map(answer -> answer.step() + " -> " + answer.raw()).toList())
                .as("every answer is a result or a refusal the API guide names (%s)", PartnerBackends.summary(answers))
                .isEmpty();
        softly.assertThat(caughtUp).as("the read models hold every event within %s", Books.CATCH_UP_WAIT_MAX).isTrue();
        for (String partnerId : partnerIds) {
            books.check(softly, partnerId);
        }
        softly.assertAll();
    }

    /** The workload's setup (which opens the old wallets), then its burst, each sent by its partners' backends at once. */
    private List<Answer> send(Workload workload, List<Partner> partners) throws Exception {
        PartnerBackends backends = new PartnerBackends(port, partners);
        List<Answer> answers = new ArrayList<>(backends.send(workload.setup(), workload.clientThreads()));
        answers.addAll(backends.send(workload.burst(), workload.clientThreads()));
        return answers;
    }

    /** New partners with a wallet key each, and a receipt key so that their players can buy. */
    private static List<Partner> newPartners(LedgerClient client, int count) {
        List<Partner> partners = new ArrayList<>();
        for (int index = 0; index < count; index++) {
            String[] partner = client.newPartner("wallet:read", "wallet:write");
            Reply receiptKey = client.admin("POST", "/admin/v1/partners/" + partner[0] + "/receipt-keys", null);
            if (receiptKey.status() != 201) {
                throw new IllegalStateException("could not issue a receipt key: " + receiptKey.raw());
            }
            partners.add(new Partner(partner[0], partner[1]));
        }
        return partners;
    }
}
