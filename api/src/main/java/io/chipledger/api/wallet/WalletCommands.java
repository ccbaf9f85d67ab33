package io.chipledger.api.wallet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.chipledger.api.command.GroupCommit;
import io.chipledger.api.idempotency.CommandOutcome;
import io.chipledger.api.idempotency.IdempotencyMetaData;
import io.chipledger.core.audit.Sha256;
import io.chipledger.core.wallet.WalletId;
import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.stereotype.Component;

/**
 * Sends a wallet command with what makes it idempotent and auditable: the partner's key and a
 * hash of the request (for the idempotency check), and who sent it from where (kept in the
 * events' metadata). The ledger's own transaction id is minted here, once per request.
 */
@Component
class WalletCommands {

    /** Sorted fields, so the same request always hashes the same. */
    private static final ObjectMapper CANONICAL_JSON = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .build();
    static final int USER_AGENT_LENGTH_MAX = 256;

    private final GroupCommit groupCommit;

    WalletCommands(GroupCommit groupCommit) {
        this.groupCommit = groupCommit;
    }

    /** Who asked, for the events' metadata. */
    record Origin(String partnerId, String actor, String requestIp, String userAgent) {

        static Origin of(String partnerId, String actor, HttpServletRequest request) {
            String userAgent = request.getHeader("User-Agent");
            if (userAgent != null && userAgent.length() > USER_AGENT_LENGTH_MAX) {
                userAgent = userAgent.substring(0, USER_AGENT_LENGTH_MAX);
            }
            return new Origin(partnerId, actor, request.getRemoteAddr(), userAgent);
        }
    }

    CommandOutcome send(Origin origin, String idempotencyKey, WalletId walletId, String operation, Object request,
                        Function<String, Object> commandForTransactionId) {
        String requestHash = Sha256.hex(operation + "\n" + walletId + "\n" + canonicalJson(request));
        IdempotencyMetaData key = new IdempotencyMetaData(origin.partnerId(), idempotencyKey, requestHash);
        Map<String, Object> metaData = new HashMap<>(key.asMetaData());
        metaData.put("actor", origin.actor());
        metaData.put("request_ip", origin.requestIp());
        if (origin.userAgent() != null) {
            metaData.put("user_agent", origin.userAgent());
        }
        Object command = commandForTransactionId.apply(UUID.randomUUID().toString());
        try {
            return groupCommit.send(GenericCommandMessage.asCommandMessage(command).andMetaData(metaData), key, walletId.toString());
        } catch (AggregateNotFoundException notFound) {
            throw new UnknownWalletException(walletId);
        }
    }

    private static String canonicalJson(Object request) {
        try {
            return CANONICAL_JSON.writeValueAsString(request);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("request records are plain data and always serialize", e);
        }
    }
}
