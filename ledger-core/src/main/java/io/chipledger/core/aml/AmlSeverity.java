package io.chipledger.core.aml;

/** How urgent an alert is, from the engine's score or an investigator's judgement. */
public enum AmlSeverity {
    LOW,
    MEDIUM,
    HIGH,
    CRITICAL
}
