package io.chipledger.core.ledger;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds the balanced pairs of postings each money event carries, and checks the balance. */
public final class Postings {

    private Postings() {
    }

    /** Moves {@code amountMinor} of {@code asset} from one account to another: two postings that sum to zero. */
    public static List<Posting> transfer(String fromAccount, String toAccount, String asset, long amountMinor) {
        if (amountMinor <= 0) {
            throw new IllegalArgumentException("a transfer moves a positive amount, got " + amountMinor);
        }
        return List.of(new Posting(fromAccount, asset, -amountMinor), new Posting(toAccount, asset, amountMinor));
    }

    /** Sum of the postings per asset; a balanced event gives zero for every asset. */
    public static Map<String, Long> sumPerAsset(List<Posting> postings) {
        Map<String, Long> sums = new HashMap<>();
        for (Posting posting : postings) {
            sums.merge(posting.asset(), posting.amountMinor(), Math::addExact);
        }
        return sums;
    }

    /** Fails loudly when a list of postings does not balance: that is a programming error, never a user error. */
    public static void requireBalanced(List<Posting> postings) {
        sumPerAsset(postings).forEach((asset, sum) -> {
            if (sum != 0) {
                throw new IllegalStateException("postings for " + asset + " sum to " + sum + ", not zero: " + postings);
            }
        });
    }
}
