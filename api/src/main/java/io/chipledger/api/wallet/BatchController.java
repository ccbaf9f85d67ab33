package io.chipledger.api.wallet;

import io.chipledger.api.asset.AssetRegistry.UnknownAssetException;
import io.chipledger.api.command.BatchCommandRefusedException;
import io.chipledger.api.command.CommandAnswer;
import io.chipledger.api.command.LedgerBusyException;
import io.chipledger.api.idempotency.Answers;
import io.chipledger.api.idempotency.CommandOutcome;
import io.chipledger.api.problem.InvalidRequestException;
import io.chipledger.api.problem.RefusalProblems;
import io.chipledger.api.security.PartnerAccess;
import io.chipledger.api.security.PartnerPrincipal;
import io.chipledger.api.wallet.BatchRequests.BatchCommand;
import io.chipledger.api.wallet.BatchRequests.BatchRequest;
import io.chipledger.api.wallet.BatchResponses.BatchResponse;
import io.chipledger.api.wallet.BatchResponses.BatchResult;
import io.chipledger.api.wallet.MoneyCommands.MoneyCommand;
import io.chipledger.api.wallet.WalletRequests.BetRequest;
import io.chipledger.api.wallet.WalletRequests.DepositRequest;
import io.chipledger.api.wallet.WalletRequests.RollbackRequest;
import io.chipledger.api.wallet.WalletRequests.WinRequest;
import io.chipledger.api.wallet.WalletRequests.WithdrawalRequest;
import io.chipledger.core.asset.AmountFormat.InvalidAmountException;
import io.chipledger.core.partner.ApiScope;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Many wallet commands in one request, for callers who settle many at once: round-end payouts,
 * tournament prizes, bulk deposits (issue 18). Up to {@value RequestFields#BATCH_COMMANDS_MAX} deposits,
 * withdrawals, bets, wins and rollbacks, of any of the partner's players, each with its own
 * {@code transaction_id_partner} as its idempotency key and checked by the rules of its own
 * endpoint ({@link MoneyCommands}).
 *
 * <p>Not atomic (the default): each command is answered on its own, in the order sent; one
 * command's refusal never refuses another, and the commands of one wallet run in the order given.
 * The answer is 200 with every result when at least one command is applied (or was, by an
 * earlier request). A command not answered in time is 503 {@code ledger-busy} in its result and
 * counted as {@code pending}: it may still complete. When none is applied, the answer is 503
 * {@code ledger-busy} with the results if any is pending, else 422 {@code batch-refused} with the
 * results. Sending the batch again replays each command under its key, so a caller who lost an
 * answer, or has pending commands, resends the batch as it was.
 *
 * <p>Atomic ({@code "atomic": true}): the batch runs in one transaction, applied whole or not at
 * all; a refused command refuses the batch, 422 {@code batch-refused} with its {@code index} and
 * its {@code refusal}, and nothing of it is stored, keys included.
 *
 * <p>Refused as a whole (400) before anything runs: no commands, more than
 * {@value RequestFields#BATCH_COMMANDS_MAX}, a command that is not an object, a command its own
 * endpoint would refuse as bad input (the problem names it: {@code commands[3].amount}), and one
 * key named twice; so is an {@code Idempotency-Key} header (a batch has no key of its own). Bad
 * input is the caller's to mend; only what the ledger decides is per command.
 */
@RestController
class BatchController {

    /** The fields each operation has besides operation, player_id and transaction_id_partner: those of its own endpoint. */
    private static final Map<String, List<String>> FIELDS = Map.of(
            "deposit", List.of("amount", "currency"),
            "withdrawal", List.of("amount", "currency", "mode"),
            "bet", List.of("amount", "currency", "game_id", "round_id"),
            "win", List.of("amount", "currency", "game_id", "round_id", "bet_transaction_id_partner", "round_closed"),
            "rollback", List.of("rolled_back_transaction_id_partner"));

    private final WalletCommands commands;
    private final MoneyCommands money;
    private final WalletResponses responses;
    private final Answers answers;
    private final RefusalProblems problems;

    BatchController(WalletCommands commands, MoneyCommands money, WalletResponses responses, Answers answers, RefusalProblems problems) {
        this.commands = commands;
        this.money = money;
        this.responses = responses;
        this.answers = answers;
        this.problems = problems;
    }

    @PartnerAccess(ApiScope.WALLET_WRITE)
    @PostMapping("/api/v1/batches")
    BatchResponse walletBatch(@AuthenticationPrincipal PartnerPrincipal partner, @RequestBody BatchRequest body, HttpServletRequest http) {
        List<BatchCommand> items = body.commands();
        if (items == null || items.isEmpty() || items.size() > RequestFields.BATCH_COMMANDS_MAX) {
            throw new InvalidRequestException("commands", "a batch holds 1 to " + RequestFields.BATCH_COMMANDS_MAX + " commands, not "
                    + (items == null ? 0 : items.size()));
        }
        if (http.getHeader(RequestFields.IDEMPOTENCY_KEY_HEADER) != null) {
            throw new InvalidRequestException(RequestFields.IDEMPOTENCY_KEY_HEADER, "a batch has no key of its own: each command carries "
                    + "its own transaction_id_partner");
        }
        List<MoneyCommand> batch = check(partner, items);
        WalletCommands.Origin origin = WalletCommands.Origin.of(partner, http);
        return Boolean.TRUE.equals(body.atomic()) ? atomically(origin, batch) : each(origin, batch);
    }

    /**
     * Every command checked by its own endpoint's rules before any runs. Bad input is the caller's
     * to mend, so it refuses the whole batch, naming the command ({@code commands[3].amount});
     * only what the ledger decides (funds, wallets, rounds, keys) is answered per command.
     */
    private List<MoneyCommand> check(PartnerPrincipal partner, List<BatchCommand> items) {
        List<MoneyCommand> checked = new ArrayList<>(items.size());
        Map<String, Integer> keys = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            BatchCommand item = items.get(i);
            String at = "commands[" + i + "]";
            if (item == null) {
                throw new InvalidRequestException(at, at + " must be a command: {operation, player_id, transaction_id_partner, ...}");
            }
            MoneyCommand command;
            try {
                command = moneyCommand(partner, item);
            } catch (InvalidRequestException refused) {
                throw new InvalidRequestException(at + "." + refused.field(), at + ": " + refused.getMessage());
            } catch (UnknownAssetException refused) {
                throw new UnknownAssetException(at + "." + refused.field(), item.currency());
            } catch (InvalidAmountException refused) {
                throw new InvalidAmountException(at + ": " + refused.getMessage());
            }
            Integer earlier = keys.putIfAbsent(command.idempotencyKey(), i);
            if (earlier != null) {
                throw new InvalidRequestException(at + ".transaction_id_partner", "commands " + earlier + " and " + i
                        + " have the same transaction_id_partner; a batch names each key once");
            }
            checked.add(command);
        }
        return checked;
    }

    /** The command as its own endpoint would make it, from the request that endpoint takes. */
    private MoneyCommand moneyCommand(PartnerPrincipal partner, BatchCommand item) {
        String operation = item.operation();
        if (operation == null || !FIELDS.containsKey(operation)) {
            throw new InvalidRequestException("operation", "operation is deposit, withdrawal, bet, win or rollback");
        }
        if (item.transactionIdPartner() == null) {
            throw new InvalidRequestException("transaction_id_partner", "each command of a batch has its own transaction_id_partner");
        }
        Map<String, Object> optional = new LinkedHashMap<>();
        optional.put("amount", item.amount());
        optional.put("currency", item.currency());
        optional.put("mode", item.mode());
        optional.put("game_id", item.gameId());
        optional.put("round_id", item.roundId());
        optional.put("bet_transaction_id_partner", item.betTransactionIdPartner());
        optional.put("round_closed", item.roundClosed());
        optional.put("rolled_back_transaction_id_partner", item.rolledBackTransactionIdPartner());
        optional.forEach((field, value) -> {
            if (value != null && !FIELDS.get(operation).contains(field)) {
                // It would be silently ignored: refused, as the operation's own endpoint refuses a field it does not have.
                throw new InvalidRequestException(field, "a " + operation + " has no " + field);
            }
        });
        return switch (operation) {
            case "deposit" -> money.deposit(partner, item.playerId(), null,
                    new DepositRequest(item.amount(), item.currency(), item.transactionIdPartner()));
            case "withdrawal" -> money.withdrawal(partner, item.playerId(), null,
                    new WithdrawalRequest(item.amount(), item.currency(), item.transactionIdPartner(), item.mode()));
            case "bet" -> money.bet(partner, item.playerId(), null,
                    new BetRequest(item.amount(), item.currency(), item.gameId(), item.roundId(), item.transactionIdPartner()));
            case "win" -> money.win(partner, item.playerId(), null, new WinRequest(item.amount(), item.currency(), item.gameId(),
                    item.roundId(), item.transactionIdPartner(), item.betTransactionIdPartner(), item.roundClosed()));
            default -> money.rollback(partner, item.playerId(), null,
                    new RollbackRequest(item.transactionIdPartner(), item.rolledBackTransactionIdPartner()));
        };
    }

    private BatchResponse each(WalletCommands.Origin origin, List<MoneyCommand> batch) {
        List<CommandAnswer> sent = commands.sendEach(origin, batch, responses.money());
        List<BatchResult> results = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            results.add(result(i, batch.get(i), sent.get(i)));
        }
        int succeeded = (int) results.stream().filter(result -> result.problem() == null).count();
        int pending = (int) sent.stream().filter(answer -> answer.failure() instanceof LedgerBusyException).count();
        if (succeeded == 0 && pending > 0) {
            throw new LedgerBusyException("no command of the batch was answered in time, and " + pending + " may still complete: "
                    + "send the batch again as it was to learn each outcome (see results)", Map.of("results", results));
        }
        if (succeeded == 0) {
            throw new BatchRefusedException("every command of the batch was refused; nothing was applied (see results)",
                    Map.of("results", results));
        }
        return new BatchResponse(results.size(), succeeded, results.size() - succeeded - pending, pending, results);
    }

    private BatchResponse atomically(WalletCommands.Origin origin, List<MoneyCommand> batch) {
        List<CommandOutcome> outcomes;
        try {
            outcomes = commands.sendAtomically(origin, batch, responses.money());
        } catch (BatchCommandRefusedException refused) {
            throw refusedBatch(refused.index(), refused.refusal());
        }
        List<BatchResult> results = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            results.add(result(i, batch.get(i), CommandAnswer.of(outcomes.get(i))));
        }
        return new BatchResponse(results.size(), results.size(), 0, 0, results);
    }

    private BatchRefusedException refusedBatch(int index, RuntimeException refusal) {
        ProblemDetail problem = problems.of(refusal);
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("index", index);
        properties.put("refusal", problem);
        return new BatchRefusedException("command " + index + " of the atomic batch was refused, so nothing of the batch was applied: "
                + problem.getDetail(), properties);
    }

    private BatchResult result(int index, MoneyCommand command, CommandAnswer answer) {
        if (answer.failure() != null) {
            ProblemDetail problem = problems.of(answer.failure());
            return new BatchResult(index, command.idempotencyKey(), problem.getStatus(), null, null, problem);
        }
        CommandOutcome outcome = answer.outcome();
        return new BatchResult(index, command.idempotencyKey(), HttpStatus.OK.value(), outcome.isReplayed(),
                answers.body(outcome.recorded(), responses.money()), null);
    }
}
