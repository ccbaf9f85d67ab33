package io.chipledger.api.aml;

import io.chipledger.api.asset.AssetRegistry;
import io.chipledger.core.asset.AmountFormat;
import io.chipledger.projections.aml.AmlEngine;
import io.chipledger.projections.aml.AmlMovement;
import io.chipledger.projections.aml.AmlMovement.Kind;
import io.chipledger.projections.aml.AmlPlayerState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** A player's risk profile for investigators, from the engine's state: the figures are counted at read time. */
@Component
class AmlProfiles {

    private final AssetRegistry assets;

    AmlProfiles(AssetRegistry assets) {
        this.assets = assets;
    }

    AmlResponses.Profile of(AmlPlayerState state, Instant asOf) {
        List<AmlResponses.Factor> factors = state.factors().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(entry -> new AmlResponses.Factor(entry.getKey(), entry.getValue().firstSeen(), entry.getValue().lastSeen(),
                        entry.getValue().count(), entry.getValue().detail(), entry.getValue().transactionId())).toList();
        return new AmlResponses.Profile(state.partnerId(), state.playerId(), state.score(), AmlEngine.riskLevel(state.score()),
                state.firstSeen(), state.lastActivity(), state.country(), state.loginCountry(), state.scored(), asOf,
                window(state, asOf, Duration.ofDays(7)), window(state, asOf, Duration.ofDays(30)), factors, skipped(state));
    }

    /** The rules the engine had to skip for the player's last movement (the frequency and time rules, under 7 days of history). */
    private static List<String> skipped(AmlPlayerState state) {
        List<AmlMovement> history = state.history();
        return state.firstSeen() == null || history.isEmpty() ? List.of()
                : AmlEngine.skippedRules(history.get(history.size() - 1), state.firstSeen());
    }

    private AmlResponses.Window window(AmlPlayerState state, Instant asOf, Duration span) {
        Instant since = asOf.minus(span);
        List<AmlMovement> within = state.history().stream().filter(movement -> movement.at().isAfter(since) && !movement.at().isAfter(asOf))
                .toList();
        return new AmlResponses.Window(figures(within, Kind.DEPOSIT), figures(within, Kind.WITHDRAWAL));
    }

    private List<AmlResponses.Figure> figures(List<AmlMovement> movements, Kind kind) {
        Map<String, List<AmlMovement>> byCurrency = movements.stream().filter(movement -> movement.kind() == kind)
                .collect(Collectors.groupingBy(AmlMovement::currency, TreeMap::new, Collectors.toList()));
        return byCurrency.entrySet().stream().map(entry -> new AmlResponses.Figure(entry.getKey(), entry.getValue().size(),
                AmountFormat.toDecimalString(entry.getValue().stream().mapToLong(AmlMovement::amountMinor).reduce(0L, Math::addExact),
                        assets.require(entry.getKey())))).toList();
    }
}
