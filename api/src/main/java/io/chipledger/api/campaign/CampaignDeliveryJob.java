package io.chipledger.api.campaign;

import io.chipledger.api.FailuresOfTheMoment;
import io.chipledger.api.command.BatchCommandRefusedException;
import io.chipledger.api.idempotency.CommandOutcome;
import io.chipledger.api.job.Job;
import io.chipledger.api.job.ParkedJobItems;
import io.chipledger.api.projection.ProjectionRebuildingException;
import io.chipledger.api.projection.RebuildingProjections;
import io.chipledger.api.wallet.RequestFields;
import io.chipledger.api.wallet.WalletCommands;
import io.chipledger.api.wallet.WalletCommands.Step;
import io.chipledger.core.campaign.CampaignCommands;
import io.chipledger.core.campaign.DeliverCampaignRewardCommand;
import io.chipledger.core.ledger.RuleViolation;
import io.chipledger.core.wallet.WalletId;
import io.chipledger.projections.campaign.CampaignProjection;
import io.chipledger.projections.campaign.CampaignProjection.Due;
import io.chipledger.projections.segment.PlayerSegmentProjection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs campaigns (issue 20), every few seconds on every node: starts the scheduled campaigns whose
 * period began, finishes those whose period ended, and delivers each running campaign to the
 * players of its segment as the segment processor has them now, a page of
 * {@value #PLAYERS_PER_PAGE} at a time in player order, from a player drawn at random and round.
 * <ul>
 * <li>Exactly once: a player's delivery is one chain ({@link WalletCommands#sendChain}) under the
 * key {@code campaign:<campaign_id>:<player_id>}: the campaign's {@link DeliverCampaignRewardCommand},
 * then the reward's payment, in one transaction. A second node, a restart or a retry meets the key
 * and is answered the stored outcome: already delivered, nothing again.</li>
 * <li>Resumes: a pass leaves out the players whose delivery the read model holds, so a restart
 * goes on where deliveries stopped; the few the read model has not seen yet replay their key.</li>
 * <li>Late joiners: every pass reads the segment as it is, so a player who joins it while the
 * campaign runs is delivered on the next pass.</li>
 * <li>A wallet's refusal (a frozen wallet) skips the player ({@code campaign_skip}, tried again an
 * hour later while the campaign runs) and the pass goes on; the campaign's refusal (cancelled,
 * finished, period over) ends its pass. Anything else parks the player (job
 * {@code campaign-deliveries}, retried by an operator); a failure of the moment (the ledger busy,
 * the database away, the service stopping) ends the run, and the next run goes on.</li>
 * </ul>
 */
@Component
class CampaignDeliveryJob {

    static final String ACTOR = "system:campaigns";
    static final Job JOB = Job.CAMPAIGN_DELIVERIES;
    static final String OPERATION = "campaign-delivery";
    static final int CAMPAIGNS_PER_RUN_MAX = 100;
    static final int PLAYERS_PER_PAGE = 500;
    /** Pages one campaign gets in a run before the next campaign's turn; it goes on in the next run. */
    static final int PAGES_PER_CAMPAIGN_RUN_MAX = 40;
    static final Duration SKIP_RETRY_AFTER = Duration.ofHours(1);
    static final int SKIP_DETAIL_LENGTH_MAX = 500;
    private static final Logger log = LoggerFactory.getLogger(CampaignDeliveryJob.class);

    /** What one delivery came to. */
    enum Delivery { DELIVERED, ALREADY_DELIVERED, SKIPPED, CAMPAIGN_STOPPED }

    /** The request a delivery's key is stored with: the same for every node and every retry. */
    record DeliveryRequest(String campaignId, String playerId) {
    }

    private final CampaignProjection campaigns;
    private final CampaignMembers members;
    private final CampaignRewards rewards;
    private final WalletCommands commands;
    private final CommandGateway gateway;
    private final ParkedJobItems parked;
    private final RebuildingProjections rebuilding;
    private final Clock clock;

    CampaignDeliveryJob(CampaignProjection campaigns, CampaignMembers members, CampaignRewards rewards, WalletCommands commands,
                        CommandGateway gateway, ParkedJobItems parked, RebuildingProjections rebuilding, Clock clock) {
        this.campaigns = campaigns;
        this.members = members;
        this.rewards = rewards;
        this.commands = commands;
        this.gateway = gateway;
        this.parked = parked;
        this.rebuilding = rebuilding;
        this.clock = clock;
    }

    /**
     * One run. Synchronized: a node runs one at a time (a run started by hand waits for the
     * scheduled one); nodes overlap, and the keys make that harmless. Nothing while the campaigns
     * or the segments are rebuilt: the segments would be past ones, the deliveries not all there.
     */
    @Scheduled(fixedDelayString = "${chipledger.campaigns.delivery-pass:PT5S}")
    synchronized void run() {
        try {
            rebuilding.requireServing(CampaignProjection.GROUP);
            rebuilding.requireServing(PlayerSegmentProjection.GROUP);
        } catch (ProjectionRebuildingException rebuilt) {
            return;
        }
        Instant now = clock.instant();
        for (Due due : campaigns.dueToStart(now, CAMPAIGNS_PER_RUN_MAX)) {
            change(due, new CampaignCommands.Start(due.partnerId(), due.campaignId(), now));
        }
        for (Due due : campaigns.dueToFinish(now, CAMPAIGNS_PER_RUN_MAX)) {
            change(due, new CampaignCommands.Finish(due.partnerId(), due.campaignId(), now));
        }
        for (Due due : campaigns.running(now, CAMPAIGNS_PER_RUN_MAX)) {
            if (!deliver(due)) {
                return;
            }
        }
    }

    /** A start or a finish; another node's, or a cancellation, may have come first, which is no failure. */
    private void change(Due due, Object command) {
        try {
            gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(Map.of("actor", ACTOR, "partner_id", due.partnerId())));
        } catch (RuleViolation decided) {
            log.debug("campaign {} changed meanwhile: {}", due.campaignId(), decided.getMessage());
        }
    }

    /** How a walk over part of a campaign's segment ended. */
    private enum Walked { DONE, BUDGET_SPENT, CAMPAIGN_STOPPED, RUN_STOPPED }

    /** What one pass over a campaign has done so far: pages read, and deliveries by what they came to. */
    private static final class Pass {
        int pages;
        final long[] counts = new long[Delivery.values().length];
    }

    /**
     * One pass over a running campaign's players, in player order from a player drawn at random,
     * round to the first and up to it again: nodes running at once mostly walk different players
     * instead of waiting on each other's keys. False when a failure of the moment ends the run.
     */
    private boolean deliver(Due campaign) {
        Instant started = clock.instant();
        long size = members.passing(campaign, started);
        String pivot = size == 0 ? null : members.playerAt(campaign, ThreadLocalRandom.current().nextLong(size));
        Pass pass = new Pass();
        Walked walked = walk(campaign, pivot == null ? "" : pivot, null, pass);
        if (walked == Walked.DONE && pivot != null) {
            walked = walk(campaign, "", pivot, pass);
        }
        long[] counts = pass.counts;
        if (counts[Delivery.DELIVERED.ordinal()] + counts[Delivery.ALREADY_DELIVERED.ordinal()] + counts[Delivery.SKIPPED.ordinal()] > 0) {
            log.info("campaign {} of partner {}: {} delivered, {} delivered before, {} skipped in {} ms", campaign.campaignId(),
                    campaign.partnerId(), counts[Delivery.DELIVERED.ordinal()], counts[Delivery.ALREADY_DELIVERED.ordinal()],
                    counts[Delivery.SKIPPED.ordinal()], Duration.between(started, clock.instant()).toMillis());
        }
        return walked != Walked.RUN_STOPPED;
    }

    /** Delivers the players after {@code after} and up to {@code upTo} (null: to the last), a page at a time, within the pass's pages. */
    private Walked walk(Due campaign, String after, String upTo, Pass pass) {
        String from = after;
        for (; pass.pages < PAGES_PER_CAMPAIGN_RUN_MAX; pass.pages++) {
            List<CampaignMembers.Member> due = members.undelivered(campaign, from, upTo, PLAYERS_PER_PAGE,
                    clock.instant().minus(SKIP_RETRY_AFTER), JOB);
            List<String> settled = new ArrayList<>();
            try {
                for (CampaignMembers.Member member : due) {
                    Delivery delivery;
                    try {
                        delivery = deliver(campaign, member);
                    } catch (RuntimeException failed) {
                        if (FailuresOfTheMoment.isOfTheMoment(failed)) {
                            log.info("campaign deliveries stopped early, a failure of the moment: {}", failed.getMessage());
                            return Walked.RUN_STOPPED;
                        }
                        park(campaign, member.playerId(), failed);
                        continue;
                    }
                    if (delivery == Delivery.CAMPAIGN_STOPPED) {
                        log.info("campaign {} of partner {} no longer delivers", campaign.campaignId(), campaign.partnerId());
                        return Walked.CAMPAIGN_STOPPED;
                    }
                    pass.counts[delivery.ordinal()]++;
                    settled.add(CampaignMembers.itemKey(campaign, member.playerId()));
                }
            } finally {
                parked.forget(JOB, settled);
            }
            if (due.size() < PLAYERS_PER_PAGE) {
                return Walked.DONE;
            }
            from = due.get(due.size() - 1).playerId();
        }
        return Walked.BUDGET_SPENT;
    }

    /** One player's delivery: the campaign's step, then the reward's payment, all or nothing under the player's key. */
    Delivery deliver(Due campaign, CampaignMembers.Member member) {
        String playerId = member.playerId();
        String key = RequestFields.CAMPAIGN_KEY_PREFIX + campaign.campaignId() + ":" + playerId;
        WalletId player = new WalletId(campaign.partnerId(), playerId);
        List<Step> steps = new ArrayList<>();
        steps.add((transactionId, before) -> new DeliverCampaignRewardCommand(campaign.partnerId(), campaign.campaignId(), playerId,
                clock.instant()));
        steps.addAll(rewards.payment(campaign.reward(), player, campaign.campaignId(), key));
        WalletCommands.Origin origin = new WalletCommands.Origin(campaign.partnerId(), ACTOR, "127.0.0.1", null);
        try {
            CommandOutcome outcome = commands.sendChain(origin, key, OPERATION, new DeliveryRequest(campaign.campaignId(), playerId), steps,
                    // The campaign's delivery stands for the chain: every reward kind has it, first.
                    receipts -> receipts.get(0), null);
            if (member.skippedBefore()) {
                members.delivered(campaign, playerId);
            }
            return outcome.isReplayed() ? Delivery.ALREADY_DELIVERED : Delivery.DELIVERED;
        } catch (BatchCommandRefusedException refused) {
            if (refused.index() == 0) {
                return Delivery.CAMPAIGN_STOPPED;
            }
            RuntimeException refusal = refused.refusal();
            String rule = refusal instanceof RuleViolation violation ? violation.rule().name() : refusal.getClass().getSimpleName();
            String detail = String.valueOf(refusal.getMessage());
            members.skipped(campaign, playerId, rule, detail.length() > SKIP_DETAIL_LENGTH_MAX ? detail.substring(0, SKIP_DETAIL_LENGTH_MAX)
                    : detail, clock.instant());
            log.info("campaign {}: player {} skipped, their wallet refused the reward: {}", campaign.campaignId(), playerId, detail);
            return Delivery.SKIPPED;
        }
    }

    /** Logged once, here: the parked player is left out of the passes until an operator retries them. */
    private void park(Due campaign, String playerId, RuntimeException failed) {
        int attempts = parked.park(JOB, CampaignMembers.itemKey(campaign, playerId), Map.of("partner_id", campaign.partnerId(),
                "campaign_id", campaign.campaignId(), "player_id", playerId), failed);
        log.warn("parked the delivery of campaign {} to player {} after {} failed attempt(s), until an operator retries it "
                + "(POST /admin/v1/jobs/parked/{}/retry): {}", campaign.campaignId(), playerId, attempts, JOB.jobName(), failed.toString());
    }
}
