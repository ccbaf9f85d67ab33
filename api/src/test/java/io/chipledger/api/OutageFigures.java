package io.chipledger.api;

import io.chipledger.api.OutageChecks.Applied;
import io.chipledger.api.OutageLoad.FirstAnswer;
import java.util.List;
import java.util.Map;

/**
 * The figures of one outage run, as docs/reliability.md reports them: commands sent, answered 2xx
 * at the first sending, refused 503 (and the p99 of how long a refusal took, ms), other outcomes,
 * how long until commands were answered again after the fault ended (ms; -1: not measured), and,
 * once every refused command was sent again, how many keys were found once, lost and doubled.
 * {@link #line()} is what bench/faults-outages.sh collects.
 */
public record OutageFigures(String fault, long outageMillis, int commands, int answered, int refused503, long refusalP99Millis,
                            long refusalMaxMillis, Map<String, Integer> outcomes, long recoveryMillis, Applied applied) {

    public static OutageFigures of(String fault, long outageMillis, List<FirstAnswer> answers, long recoveryMillis, Applied applied) {
        return new OutageFigures(fault, outageMillis, answers.size(), (int) answers.stream().filter(FirstAnswer::answered).count(),
                (int) answers.stream().filter(answer -> answer.status() == 503).count(),
                OutageLoad.refusalMillisPercentile(answers, 99), OutageLoad.refusalMillisPercentile(answers, 100),
                OutageLoad.byOutcome(answers), recoveryMillis, applied);
    }

    public String line() {
        return "OUTAGE-FIGURES fault=" + fault + " outage_ms=" + outageMillis + " commands=" + commands + " answered=" + answered
                + " refused_503=" + refused503 + " refusal_p99_ms=" + refusalP99Millis + " refusal_max_ms=" + refusalMaxMillis
                + " recovery_ms=" + recoveryMillis + " found_once=" + applied.foundOnce() + " lost=" + applied.lost()
                + " doubled=" + applied.doubled() + " outcomes=" + outcomes.toString().replace(' ', '_');
    }
}
