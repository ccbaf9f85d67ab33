package io.chipledger.core.profile;

import io.chipledger.core.CommandReceipt;

/** What recording an activity answers, also to a repeat of its event id; {@code version} locates its event in the store. */
public record ActivityReceipt(PlayerProfileId profileId, String eventId, ActivityType type, long version) implements CommandReceipt {

    @Override
    public String aggregateId() {
        return profileId.toString();
    }
}
