package io.chipledger.core.campaign;

import io.chipledger.core.CommandReceipt;

/**
 * What a campaign's delivery step answers: where its event is, and how many deliveries the campaign
 * has made with it. Not stored with the key: a delivery's stored receipt is the wallet's credit.
 */
public record CampaignReceipt(String aggregateId, long version, long deliveries) implements CommandReceipt {
}
