import io.chipledger.core.ledger.Posting;
import io.chipledger.core.ledger.SystemAccount;
import io.chipledger.core.wallet.Balance;
import io.chipledger.core.wallet.BetPlacedEvent;
import io.chipledger.core.wallet.BetRolledBackEvent;
import io.chipledger.core.wallet.FundsDepositedEvent;
import io.chipledger.core.wallet.MoneyMovedEvent;
import io.chipledger.core.wallet.RoundClose;
import io.chipledger.core.wallet.WalletId;
import io.chipledger.core.wallet.WinPaidEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Realistic money events for the analytics benches (issue 14), built as the ledger's own event
 * records with the postings and balances the wallet would give them ({@code PlayerWallet},
 * {@code GameRounds}): players of several partners, each in one currency, deposit, bet on one of
 * {@value #GAMES} games, and each bet ends in a win, a lost round (a win of 0: no postings, so no
 * rows) or a rollback. Seeded, so two runs make the same events; every id is fresh per seed.
 *
 * <p>Used by {@code AnalyticsBench.java} (the sink's write path) and {@code AnalyticsEndToEnd.java}
 * (the store generator); {@code bench/analytics.sh} compiles it once for both.
 */
public final class AnalyticsEvents {

    static final int GAMES = 30;
    static final String HOUSE = SystemAccount.HOUSE.accountName();
    static final String CASHIER = SystemAccount.CASHIER.accountName();
    /** A player's currency, by player number: half USD, a third EUR, a sixth KRW. */
    private static final String[] CURRENCIES = {"USD", "USD", "USD", "EUR", "EUR", "KRW"};

    /** One generated event; {@code opensWallet} when it is its wallet's first (the store puts a WalletOpenedEvent before it). */
    public record Generated(MoneyMovedEvent event, boolean opensWallet) {
    }

    /** What the events moved, per currency, in minor units: the figures a bench checks ClickHouse against. */
    public static final class Tally {
        public final Map<String, Long> houseNet = new TreeMap<>();
        public final Map<String, Long> deposits = new TreeMap<>();
        public long postings;
        public long events;
        public long zeroWins;

        void add(MoneyMovedEvent event) {
            events++;
            postings += event.postings().size();
            if (event.postings().isEmpty()) {
                zeroWins++;
            }
            for (Posting posting : event.postings()) {
                if (posting.account().equals(HOUSE)) {
                    houseNet.merge(posting.asset(), posting.amountMinor(), Math::addExact);
                } else if (posting.account().equals(CASHIER)) {
                    deposits.merge(posting.asset(), -posting.amountMinor(), Math::addExact);
                }
            }
        }
    }

    /** A wallet's state as far as the generator needs it: one currency, its balance, at most one open bet. */
    private static final class Wallet {
        final WalletId id;
        final String asset;
        final long unit;
        long available;
        boolean opened;
        BetPlacedEvent openBet;

        Wallet(WalletId id, String asset) {
            this.id = id;
            this.asset = asset;
            this.unit = asset.equals("KRW") ? 10 : 1; // KRW has no minor unit: 10 won is about a cent
        }
    }

    private final SplittableRandom random;
    private final Wallet[] wallets;
    private final String run;
    private long counter;
    public final Tally tally = new Tally();

    public AnalyticsEvents(long seed, int partners, int players) {
        this.random = new SplittableRandom(seed);
        this.run = Long.toString(seed, 36);
        this.wallets = new Wallet[players];
        for (int player = 0; player < players; player++) {
            wallets[player] = new Wallet(new WalletId("partner-" + (char) ('a' + player % partners), "player-" + player),
                    CURRENCIES[(player / partners) % CURRENCIES.length]);
        }
    }

    /** The next event of a random wallet. */
    public Generated next() {
        Wallet wallet = wallets[random.nextInt(wallets.length)];
        boolean opens = !wallet.opened;
        MoneyMovedEvent event;
        if (wallet.openBet != null) {
            event = settle(wallet);
        } else if (wallet.available < 5_000 * wallet.unit) {
            event = deposit(wallet);
        } else {
            event = bet(wallet);
        }
        wallet.opened = true;
        tally.add(event);
        return new Generated(event, opens);
    }

    /** A fresh id in UUID form, as the ledger's; from the seeded random, so a run is repeatable. */
    public String uuid() {
        return new UUID(random.nextLong() & 0xffffffffffff0fffL | 0x4000L, random.nextLong() & 0x3fffffffffffffffL | 0x8000000000000000L)
                .toString();
    }

    private FundsDepositedEvent deposit(Wallet wallet) {
        long amount = (10_000 + random.nextLong(90_000)) * wallet.unit; // 100.00 to 1,000.00
        List<Posting> postings = List.of(new Posting(CASHIER, wallet.asset, -amount), new Posting(Posting.PLAYER_AVAILABLE, wallet.asset, amount));
        wallet.available = Math.addExact(wallet.available, amount);
        return new FundsDepositedEvent(wallet.id, uuid(), "dep-" + run + "-" + counter++, wallet.asset, amount, postings, after(wallet));
    }

    private BetPlacedEvent bet(Wallet wallet) {
        long stake = (10 + random.nextLong(4_990)) * wallet.unit; // 0.10 to 50.00
        String round = "round-" + run + "-" + counter++;
        List<Posting> postings = List.of(new Posting(Posting.PLAYER_AVAILABLE, wallet.asset, -stake), new Posting(HOUSE, wallet.asset, stake));
        wallet.available = Math.subtractExact(wallet.available, stake);
        wallet.openBet = new BetPlacedEvent(wallet.id, uuid(), "bet-" + round, wallet.asset, stake, "game-" + random.nextInt(GAMES), round,
                postings, after(wallet));
        return wallet.openBet;
    }

    /** Ends the open bet: a rollback in 10 bets of 100, a lost round (a win of 0) in 45, a win of 0.1x to 3.3x the stake in 45. */
    private MoneyMovedEvent settle(Wallet wallet) {
        BetPlacedEvent bet = wallet.openBet;
        wallet.openBet = null;
        int outcome = random.nextInt(100);
        if (outcome < 10) {
            wallet.available = Math.addExact(wallet.available, bet.amountMinor());
            return new BetRolledBackEvent(wallet.id, uuid(), "rb-" + bet.roundId(), bet.partnerTransactionId(), bet.asset(), bet.amountMinor(),
                    bet.gameId(), bet.roundId(), null, List.of(new Posting(HOUSE, bet.asset(), -bet.amountMinor()),
                    new Posting(Posting.PLAYER_AVAILABLE, bet.asset(), bet.amountMinor())), after(wallet));
        }
        long win = outcome < 55 ? 0 : bet.amountMinor() * (10 + random.nextInt(320)) / 100;
        List<Posting> postings = win == 0 ? List.of()
                : List.of(new Posting(HOUSE, bet.asset(), -win), new Posting(Posting.PLAYER_AVAILABLE, bet.asset(), win));
        wallet.available = Math.addExact(wallet.available, win);
        return new WinPaidEvent(wallet.id, uuid(), "win-" + bet.roundId(), bet.asset(), win, bet.gameId(), bet.roundId(),
                List.of(bet.partnerTransactionId()), RoundClose.WIN_MARKED_CLOSED, postings, after(wallet));
    }

    private static Map<String, Balance> after(Wallet wallet) {
        return Map.of(wallet.asset, new Balance(wallet.available, 0));
    }

    /** Events of {@code count}, for callers that want a batch at once. */
    public List<Generated> next(int count) {
        List<Generated> batch = new ArrayList<>(count);
        for (int index = 0; index < count; index++) {
            batch.add(next());
        }
        return batch;
    }
}
