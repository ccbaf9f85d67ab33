package io.chipledger.core.settlement;

import java.time.Instant;

/**
 * The commission of one stretch of a statement's period at one rate: a rate changed inside the
 * period splits it at the instant of the change (the partner's update, to the second).
 *
 * @param from                  start of the stretch, inclusive
 * @param to                    end of the stretch, exclusive
 * @param rateBasisPoints       the commission rate in force, 0..10,000 (500 is 5%)
 * @param ggrMinor              the stretch's gross gaming revenue, minor units
 * @param commissionMinor       {@code ggrMinor * rateBasisPoints / 10,000}, rounded half to even
 */
public record CommissionPart(Instant from, Instant to, int rateBasisPoints, long ggrMinor, long commissionMinor) {

    /** The commission of {@code ggrMinor} at {@code rateBasisPoints}: exact, rounded half to even (banker's rounding). */
    public static long commission(long ggrMinor, int rateBasisPoints) {
        return java.math.BigDecimal.valueOf(ggrMinor).multiply(java.math.BigDecimal.valueOf(rateBasisPoints))
                .divide(java.math.BigDecimal.valueOf(10_000), 0, java.math.RoundingMode.HALF_EVEN).longValueExact();
    }
}
