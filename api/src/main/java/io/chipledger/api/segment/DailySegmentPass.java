package io.chipledger.api.segment;

import io.chipledger.core.segment.SegmentRuleCommands;
import io.chipledger.projections.partner.PartnerAccessProjection;
import io.chipledger.projections.partner.PartnerAccessProjection.PartnerView;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The daily pass (issue 17): once a day ({@code chipledger.segments.daily-pass-cron}, UTC; 00:10 by
 * default) every registered partner's players are segmented again, so that they cross the
 * {@code days_since_*} boundaries as time goes by. A partner's pass is an event
 * ({@code segment.SegmentEvaluationRequestedEvent}, reason {@code daily}) that the segment processor
 * carries out when it reaches it. One partner whose request fails is logged and the others go on;
 * with several nodes, each asks, and a second pass of the day changes nothing.
 */
@Component
class DailySegmentPass {

    /** Partners read per query. */
    static final int PARTNERS_PER_PAGE = 500;
    static final String ACTOR = "system:segment-pass";
    private static final Logger log = LoggerFactory.getLogger(DailySegmentPass.class);

    private final PartnerAccessProjection partners;
    private final CommandGateway commands;

    DailySegmentPass(PartnerAccessProjection partners, CommandGateway commands) {
        this.partners = partners;
        this.commands = commands;
    }

    /** Asks for every partner's pass; answers how many were asked for. */
    @Scheduled(cron = "${chipledger.segments.daily-pass-cron:0 10 0 * * *}", zone = "UTC")
    int passEveryPartner() {
        int asked = 0;
        int failed = 0;
        String after = null;
        List<PartnerView> page;
        do {
            page = partners.partners(after, PARTNERS_PER_PAGE);
            for (PartnerView partner : page) {
                try {
                    commands.sendAndWait(GenericCommandMessage.asCommandMessage(new SegmentRuleCommands.Evaluate(partner.partnerId(), "daily"))
                            .andMetaData(Map.of("actor", ACTOR, "partner_id", partner.partnerId())));
                    asked++;
                } catch (RuntimeException refused) {
                    failed++;
                    log.warn("The daily segment pass of partner {} could not be asked for (the others go on): {}", partner.partnerId(),
                            refused.toString());
                }
            }
            after = page.isEmpty() ? after : page.get(page.size() - 1).partnerId();
        } while (page.size() == PARTNERS_PER_PAGE);
        log.info("Daily segment pass asked for {} partners ({} failed)", asked, failed);
        return asked;
    }
}
