package io.chipledger.api.wallet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.chipledger.api.command.BatchCommandRefusedException;
import io.chipledger.api.command.CommandAnswer;
import io.chipledger.api.command.GroupCommit;
import io.chipledger.api.command.LedgerCommand;
import io.chipledger.api.idempotency.AnswerForm;
import io.chipledger.api.idempotency.Answers;
import io.chipledger.api.idempotency.CommandOutcome;
import io.chipledger.api.idempotency.IdempotencyMetaData;
import io.chipledger.api.security.AdminPrincipal;
import io.chipledger.api.security.ClientAddresses;
import io.chipledger.api.security.PartnerPrincipal;
import io.chipledger.core.CommandReceipt;
import io.chipledger.core.audit.Sha256;
import io.chipledger.core.wallet.WalletId;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Sends a player's command (to the wallet or the profile) with what makes it idempotent and
 * auditable: the partner's key and a hash of the request (for the idempotency check), and who
 * sent it from where (kept in the events' metadata). The ledger's own transaction id is minted
 * here, once per request.
 */
@Component
public class WalletCommands {

    /** Sorted fields, so the same request always hashes the same. */
    private static final ObjectMapper CANONICAL_JSON = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .build();
    static final int USER_AGENT_LENGTH_MAX = 256;
    /** The operation of a bet, as kept with its idempotency key: what a rollback of an unknown id is told it names. */
    public static final String BET_OPERATION = "bet";

    private final GroupCommit groupCommit;
    private final Answers answers;

    WalletCommands(GroupCommit groupCommit, Answers answers) {
        this.groupCommit = groupCommit;
        this.answers = answers;
    }

    /** Who asked, for the events' metadata. */
    public record Origin(String partnerId, String actor, String requestIp, String userAgent) {

        /** A partner's backend, by the API key it used. */
        public static Origin of(PartnerPrincipal partner, HttpServletRequest request) {
            return of(partner.partnerId(), partner.actor(), request);
        }

        /** The operator's staff, through the admin API, by their admin key; {@code partnerId} is null when no partner is concerned. */
        public static Origin admin(AdminPrincipal admin, String partnerId, HttpServletRequest request) {
            return of(partnerId, admin.actor(), request);
        }

        private static Origin of(String partnerId, String actor, HttpServletRequest request) {
            String userAgent = request.getHeader("User-Agent");
            if (userAgent != null && userAgent.length() > USER_AGENT_LENGTH_MAX) {
                userAgent = userAgent.substring(0, USER_AGENT_LENGTH_MAX);
            }
            return new Origin(partnerId, actor, ClientAddresses.recorded(request), userAgent);
        }

        /** The metadata every event caused by this request carries (see AuditMetaDataConfiguration); a new map, the caller's to add to. */
        public Map<String, Object> metaData() {
            Map<String, Object> metaData = new HashMap<>();
            metaData.put("actor", actor);
            if (partnerId != null) {
                metaData.put("partner_id", partnerId);
            }
            if (requestIp != null) {
                metaData.put("request_ip", requestIp);
            }
            if (userAgent != null) {
                metaData.put("user_agent", userAgent);
            }
            return metaData;
        }
    }

    /**
     * A caller's wallet command, answered with {@code form}'s answer: made as the command commits,
     * stored with its key and given back unchanged to every retry ({@link AnswerForm}). A wallet
     * that was never opened is the caller's error.
     */
    public <T> ResponseEntity<T> send(Origin origin, String idempotencyKey, WalletId walletId, String operation, Object request,
                                      Function<String, Object> commandForTransactionId, AnswerForm<T> form) {
        return answers.respond(sendToWallet(origin, idempotencyKey, walletId, operation, request, commandForTransactionId, form), form);
    }

    /** A partner's checked money request ({@link MoneyCommands}), answered with {@code form}'s answer. */
    <T> ResponseEntity<T> send(Origin origin, MoneyCommands.MoneyCommand money, AnswerForm<T> form) {
        return send(origin, money.idempotencyKey(), money.wallet(), money.operation(), money.request(), money.commandForTransactionId(), form);
    }

    /**
     * Money requests sent as one batch, each under its own key and answered on its own, in order
     * ({@link GroupCommit#sendEach}): an outcome, or the refusal that stored nothing of it (a
     * wallet never opened is {@link UnknownWalletException}).
     */
    List<CommandAnswer> sendEach(Origin origin, List<MoneyCommands.MoneyCommand> batch, AnswerForm<?> form) {
        List<CommandAnswer> answers = groupCommit.sendEach(batch.stream().map(money -> ledgerCommand(origin, money, form)).toList());
        List<CommandAnswer> named = new ArrayList<>(answers.size());
        for (int i = 0; i < answers.size(); i++) {
            CommandAnswer answer = answers.get(i);
            named.add(answer.failure() instanceof AggregateNotFoundException
                    ? CommandAnswer.failed(new UnknownWalletException(batch.get(i).wallet())) : answer);
        }
        return named;
    }

    /**
     * Money requests sent as one batch that is applied whole or not at all, each under its own
     * key ({@link GroupCommit#sendAtomically}); a refusal is {@link BatchCommandRefusedException}
     * naming the refused request's place, a wallet never opened as {@link UnknownWalletException}.
     */
    List<CommandOutcome> sendAtomically(Origin origin, List<MoneyCommands.MoneyCommand> batch, AnswerForm<?> form) {
        try {
            return groupCommit.sendAtomically(batch.stream().map(money -> ledgerCommand(origin, money, form)).toList());
        } catch (BatchCommandRefusedException refused) {
            if (refused.refusal() instanceof AggregateNotFoundException) {
                throw new BatchCommandRefusedException(refused.index(), new UnknownWalletException(batch.get(refused.index()).wallet()));
            }
            throw refused;
        }
    }

    private static LedgerCommand ledgerCommand(Origin origin, MoneyCommands.MoneyCommand money, AnswerForm<?> form) {
        return ledgerCommand(origin, money.idempotencyKey(), money.wallet().toString(), money.operation(), money.request(),
                money.commandForTransactionId(), form);
    }

    /**
     * The one place a command is made idempotent: its key hashes the operation, the aggregate and the
     * request, so a command sent alone and in a batch replay each other.
     */
    private static LedgerCommand ledgerCommand(Origin origin, String idempotencyKey, String aggregateId, String operation, Object request,
                                               Function<String, Object> commandForTransactionId, AnswerForm<?> form) {
        IdempotencyMetaData key = key(origin, idempotencyKey, operation, operation + "\n" + aggregateId, request);
        return new LedgerCommand(message(origin, key, commandForTransactionId), key, aggregateId, form);
    }

    /** A wallet command that answers no caller (the ledger's own sweepers); its outcome is stored with its key all the same. */
    public CommandOutcome send(Origin origin, String idempotencyKey, WalletId walletId, String operation, Object request,
                               Function<String, Object> commandForTransactionId) {
        return sendToWallet(origin, idempotencyKey, walletId, operation, request, commandForTransactionId, null);
    }

    private CommandOutcome sendToWallet(Origin origin, String idempotencyKey, WalletId walletId, String operation, Object request,
                                        Function<String, Object> commandForTransactionId, AnswerForm<?> form) {
        try {
            return send(origin, idempotencyKey, walletId.toString(), operation, request, commandForTransactionId, form);
        } catch (AggregateNotFoundException notFound) {
            throw new UnknownWalletException(walletId);
        }
    }

    /** A command to any of a player's aggregates, named by its identifier in the store, answered with {@code form}'s answer. */
    public CommandOutcome send(Origin origin, String idempotencyKey, String aggregateId, String operation, Object request,
                               Function<String, Object> commandForTransactionId, AnswerForm<?> form) {
        return groupCommit.send(ledgerCommand(origin, idempotencyKey, aggregateId, operation, request, commandForTransactionId, form));
    }

    /** Wallet commands under one key that are all executed or none: see {@link GroupCommit#sendAllOrNothing}. */
    public <T> ResponseEntity<T> sendAllOrNothing(Origin origin, String idempotencyKey, String operation, Object request,
                                                  List<Function<String, Object>> commandsForTransactionIds,
                                                  Function<List<CommandReceipt>, CommandReceipt> combined, AnswerForm<T> form) {
        List<Step> steps = commandsForTransactionIds.stream().<Step>map(command -> (transactionId, before) -> command.apply(transactionId)).toList();
        return answers.respond(sendChain(origin, idempotencyKey, operation, request, steps, combined, form), form);
    }

    /**
     * One command of an all-or-nothing chain: made from the ledger's transaction id for it and the
     * receipts of the commands before it in the chain; null to run none.
     */
    @FunctionalInterface
    public interface Step {
        Object command(String transactionId, List<CommandReceipt> before);
    }

    /**
     * Commands to several aggregates under one key, all executed or none, each made from what the
     * ones before it decided ({@link GroupCommit#sendAllOrNothing}): a coupon's use and the credit
     * of its reward, a pool's draw and the credit of its item. {@code form} is null when no caller
     * is answered (a campaign's delivery).
     */
    public CommandOutcome sendChain(Origin origin, String idempotencyKey, String operation, Object request, List<Step> steps,
                                           Function<List<CommandReceipt>, CommandReceipt> combined, AnswerForm<?> form) {
        IdempotencyMetaData key = key(origin, idempotencyKey, operation, operation, request);
        List<Function<List<CommandReceipt>, CommandMessage<?>>> messages = steps.stream()
                .<Function<List<CommandReceipt>, CommandMessage<?>>>map(step -> before -> {
                    Object command = step.command(UUID.randomUUID().toString(), before);
                    return command == null ? null : message(origin, key, command);
                }).toList();
        return groupCommit.sendAllOrNothing(messages, key, combined, form);
    }

    /** {@code hashed} is what the request hash covers besides the body; the operation's name is kept without its target. */
    private static IdempotencyMetaData key(Origin origin, String idempotencyKey, String operation, String hashed, Object request) {
        String name = operation.contains(":") ? operation.substring(0, operation.indexOf(':')) : operation;
        return new IdempotencyMetaData(origin.partnerId(), idempotencyKey, Sha256.hex(hashed + "\n" + canonicalJson(request)), name);
    }

    private static CommandMessage<?> message(Origin origin, IdempotencyMetaData key, Function<String, Object> commandForTransactionId) {
        return message(origin, key, commandForTransactionId.apply(UUID.randomUUID().toString()));
    }

    private static CommandMessage<?> message(Origin origin, IdempotencyMetaData key, Object command) {
        Map<String, Object> metaData = origin.metaData();
        metaData.putAll(key.asMetaData());
        return GenericCommandMessage.asCommandMessage(command).andMetaData(metaData);
    }

    private static String canonicalJson(Object request) {
        try {
            return CANONICAL_JSON.writeValueAsString(request);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("request records are plain data and always serialize", e);
        }
    }
}
