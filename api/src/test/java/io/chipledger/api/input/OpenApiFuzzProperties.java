package io.chipledger.api.input;

import static org.assertj.core.api.Assertions.assertThat;

import io.chipledger.api.LedgerClient;
import io.chipledger.api.input.ApiDocument.Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.spring.JqwikSpringSupport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * Issue 19's fuzz: requests generated from docs/openapi.json for every operation it documents
 * ({@link FuzzRequests}), each sent with the try's own partner key or the staff's admin key (so it
 * reaches the handler), sometimes with none or a wrong one. Every answer must be safe
 * ({@link FuzzAnswers}): no 5xx but a documented retryable 503, nothing of the ledger's insides, a
 * problem document for a refusal, valid against the document, and nothing stored by a refusal.
 *
 * <p>A try is one round: {@value #PER_OPERATION_DEFAULT} request per operation, so every operation
 * is covered in every run (the {@code chipledger.fuzz.per-operation} system property raises it;
 * {@code bench/fuzz.sh}). Commands go to a partner of their own made for the request, so what a
 * refusal must not have stored is told apart from what earlier accepted commands still store in
 * the background; reads go to one partner with a wallet. The figures are printed at the end.
 * Runs in the shared test context ({@code LedgerApiTest}'s configuration) and never names a real
 * projection, so it rebuilds nothing.
 */
@JqwikSpringSupport
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class OpenApiFuzzProperties {

    static final int TRIES = 8;
    static final int PER_OPERATION_DEFAULT = 1;
    private static final int PER_OPERATION = Integer.getInteger("chipledger.fuzz.per-operation", PER_OPERATION_DEFAULT);
    private static final ApiDocument DOCUMENT = ApiDocument.read(ApiDocument.COMMITTED);

    private static final AtomicLong SENT = new AtomicLong();
    private static final AtomicLong UNSENDABLE = new AtomicLong();
    private static final Set<String> COVERED = ConcurrentHashMap.newKeySet();
    private static final Set<String> ACCEPTED_ONCE = ConcurrentHashMap.newKeySet();
    private static final Map<Integer, AtomicLong> STATUSES = new ConcurrentHashMap<>();
    private static final AtomicLong STARTED_NANOS = new AtomicLong();

    @LocalServerPort
    private int port;

    @Autowired
    private JdbcTemplate jdbc;

    private FuzzAnswers answers;

    @Provide
    Arbitrary<List<FuzzRequest>> rounds() {
        FuzzRequests requests = new FuzzRequests(DOCUMENT);
        List<Arbitrary<FuzzRequest>> round = new ArrayList<>();
        for (Operation operation : DOCUMENT.operations()) {
            for (int i = 0; i < PER_OPERATION; i++) {
                round.add(requests.of(operation));
            }
        }
        return Combinators.combine(round).as(List::copyOf);
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
    void everyAnswerToAnyRequestIsSafe(@ForAll("rounds") List<FuzzRequest> round) {
        if (answers == null) {
            STARTED_NANOS.set(System.nanoTime());
            answers = new FuzzAnswers(new LedgerClient(port), port, jdbc);
        }
        List<String> failures = new ArrayList<>();
        for (FuzzRequest request : round) {
            Operation operation = DOCUMENT.operations().stream().filter(each -> each.key().equals(request.operation())).findFirst()
                    .orElseThrow();
            FuzzAnswers.Outcome outcome;
            try {
                outcome = answers.sendAndCheck(operation, request);
            } catch (AssertionError | RuntimeException failure) {
                // The rest of the round still runs: one run shows every kind of failure, not the first.
                failures.add(failure.toString());
                SENT.incrementAndGet();
                COVERED.add(operation.key());
                continue;
            }
            if (outcome == null) {
                UNSENDABLE.incrementAndGet();
                continue;
            }
            SENT.incrementAndGet();
            COVERED.add(operation.key());
            STATUSES.computeIfAbsent(outcome.status(), status -> new AtomicLong()).incrementAndGet();
            if (outcome.status() < 300) {
                ACCEPTED_ONCE.add(operation.key());
            }
        }
        assertThat(failures).as("unsafe answers in this round").isEmpty();
    }

    @AfterContainer
    static void everyOperationWasCovered() {
        System.out.printf("OpenApiFuzz: %d requests sent (%d not sendable by the HTTP client), %d of %d documented operations covered, "
                        + "%d of them accepted at least once; answers by status %s; %d s%n", SENT.get(), UNSENDABLE.get(), COVERED.size(),
                DOCUMENT.operations().size(), ACCEPTED_ONCE.size(), new TreeMap<>(STATUSES),
                (System.nanoTime() - STARTED_NANOS.get()) / 1_000_000_000L);
        List<String> missed = DOCUMENT.operations().stream().map(Operation::key).filter(key -> !COVERED.contains(key)).toList();
        assertThat(missed).as("documented operations the fuzz never sent a request to").isEmpty();
    }
}
