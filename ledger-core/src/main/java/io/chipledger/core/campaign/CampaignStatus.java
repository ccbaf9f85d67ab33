package io.chipledger.core.campaign;

/**
 * Where a campaign is in its life: {@code DRAFT} when created, {@code SCHEDULED} by staff,
 * {@code RUNNING} from its start (by the delivery job, once its period began) and {@code FINISHED}
 * at its end; {@code CANCELLED} by staff from any of the first three. Only a running campaign
 * delivers.
 */
public enum CampaignStatus {
    DRAFT, SCHEDULED, RUNNING, FINISHED, CANCELLED;

    /** Finished or cancelled: nothing changes it any more. */
    public boolean isOver() {
        return this == FINISHED || this == CANCELLED;
    }
}
