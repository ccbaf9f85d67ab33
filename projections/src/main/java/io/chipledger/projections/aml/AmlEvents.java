package io.chipledger.projections.aml;

import io.chipledger.core.profile.PlayerActivityRecordedEvent;
import io.chipledger.core.wallet.BetPlacedEvent;
import io.chipledger.core.wallet.BetRolledBackEvent;
import io.chipledger.core.wallet.FundsDepositedEvent;
import io.chipledger.core.wallet.FundsWithdrawnEvent;
import io.chipledger.core.wallet.WalletId;
import io.chipledger.core.wallet.WinPaidEvent;
import io.chipledger.core.wallet.WithdrawalApprovedEvent;
import io.chipledger.projections.aml.AmlMovement.Kind;
import io.chipledger.projections.aml.AmlPlayerProfiles.PlayerKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the AML engine reads in the ledger's events, in one place for the engine's projection and
 * the rescan: the movement a money event is (deposits, withdrawals that left the wallet, bets and
 * wins above 0, and the refunds of rolled-back bets, which undo play), and the countries an activity reports ({@code meta.country} for the player's,
 * {@code meta.login_country} for their login's; a value that is not an ISO 3166-1 alpha-2 code is
 * no country and is left out). Times are the event's, to the microsecond PostgreSQL keeps.
 */
public final class AmlEvents {

    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

    /** A player's movement. */
    public record PlayerMovement(PlayerKey player, AmlMovement movement) {
    }

    /** The countries an activity of a player reported, either may be null. */
    public record CountriesReported(PlayerKey player, Instant at, String country, String loginCountry) {
    }

    private AmlEvents() {
    }

    /** The movement {@code payload} is, stored at {@code at}; empty for every other event. */
    public static Optional<PlayerMovement> movement(Object payload, Instant at) {
        if (payload instanceof FundsDepositedEvent e) {
            return movement(e.walletId(), at, Kind.DEPOSIT, e.asset(), e.amountMinor(), e.transactionId());
        } else if (payload instanceof FundsWithdrawnEvent e) {
            return movement(e.walletId(), at, Kind.WITHDRAWAL, e.asset(), e.amountMinor(), e.transactionId());
        } else if (payload instanceof WithdrawalApprovedEvent e) {
            return movement(e.walletId(), at, Kind.WITHDRAWAL, e.asset(), e.amountMinor(), e.transactionId());
        } else if (payload instanceof BetPlacedEvent e) {
            return movement(e.walletId(), at, Kind.BET, e.asset(), e.amountMinor(), e.transactionId());
        } else if (payload instanceof WinPaidEvent e) {
            return movement(e.walletId(), at, Kind.WIN, e.asset(), e.amountMinor(), e.transactionId());
        } else if (payload instanceof BetRolledBackEvent e) {
            return movement(e.walletId(), at, Kind.ROLLBACK, e.asset(), e.amountMinor(), e.transactionId());
        }
        return Optional.empty();
    }

    /** The countries an activity reported; empty when it reported none. */
    public static Optional<CountriesReported> countries(PlayerActivityRecordedEvent activity) {
        String country = country(activity.meta(), "country");
        String loginCountry = country(activity.meta(), "login_country");
        return country == null && loginCountry == null ? Optional.empty()
                : Optional.of(new CountriesReported(new PlayerKey(activity.profileId().partnerId(), activity.profileId().playerId()),
                micros(activity.occurredAt()), country, loginCountry));
    }

    private static Optional<PlayerMovement> movement(WalletId wallet, Instant at, Kind kind, String currency, long amountMinor,
                                                     String transactionId) {
        // A free round's 0 bet and a lost round's 0 win move no money.
        return amountMinor <= 0 ? Optional.empty() : Optional.of(new PlayerMovement(new PlayerKey(wallet.partnerId(), wallet.playerId()),
                new AmlMovement(micros(at), kind, currency, amountMinor, transactionId)));
    }

    private static String country(Map<String, Object> meta, String key) {
        Object value = meta == null ? null : meta.get(key);
        return value instanceof String code && COUNTRY.matcher(code).matches() ? code : null;
    }

    private static Instant micros(Instant at) {
        // PostgreSQL keeps microseconds: a state read back must decide as the one kept in memory did.
        return at.truncatedTo(ChronoUnit.MICROS);
    }
}
