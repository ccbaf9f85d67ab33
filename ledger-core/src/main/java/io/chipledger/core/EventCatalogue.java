package io.chipledger.core;

import io.chipledger.core.admin.AdminKey;
import io.chipledger.core.admin.AdminKeyIssuedEvent;
import io.chipledger.core.admin.AdminKeyRevokedEvent;
import io.chipledger.core.partner.ApiKeyIssuedEvent;
import io.chipledger.core.partner.ApiKeyRevokedEvent;
import io.chipledger.core.partner.ApiKeyRotatedEvent;
import io.chipledger.core.partner.IpAllowListChangedEvent;
import io.chipledger.core.partner.RateLimitChangedEvent;
import io.chipledger.core.partner.PartnerReactivatedEvent;
import io.chipledger.core.partner.PartnerRegisteredEvent;
import io.chipledger.core.partner.PartnerSuspendedEvent;
import io.chipledger.core.partner.PartnerUpdatedEvent;
import io.chipledger.core.partner.SettlementPolicyChangedEvent;
import io.chipledger.core.coupon.Coupon;
import io.chipledger.core.coupon.CouponEvents;
import io.chipledger.core.profile.PlayerActivityRecordedEvent;
import io.chipledger.core.profile.PlayerProfile;
import io.chipledger.core.wallet.BalanceAdjustedEvent;
import io.chipledger.core.wallet.BetPlacedEvent;
import io.chipledger.core.wallet.BetRolledBackEvent;
import io.chipledger.core.wallet.FundsDepositedEvent;
import io.chipledger.core.wallet.FundsWithdrawnEvent;
import io.chipledger.core.wallet.PlayRecordedEvent;
import io.chipledger.core.wallet.PlayerWallet;
import io.chipledger.core.wallet.PurchaseMadeEvent;
import io.chipledger.core.wallet.RoundTimedOutEvent;
import io.chipledger.core.wallet.RewardReceivedEvent;
import io.chipledger.core.wallet.TokensGrantedEvent;
import io.chipledger.core.wallet.TokensRevokedEvent;
import io.chipledger.core.wallet.UnknownBetRollbackRecordedEvent;
import io.chipledger.core.wallet.WalletFrozenEvent;
import io.chipledger.core.wallet.WalletOpenedEvent;
import io.chipledger.core.wallet.WalletUnfrozenEvent;
import io.chipledger.core.wallet.WinPaidEvent;
import io.chipledger.core.wallet.WithdrawalApprovedEvent;
import io.chipledger.core.wallet.WithdrawalReleasedEvent;
import io.chipledger.core.wallet.WithdrawalRequestedEvent;
import io.chipledger.core.partner.Partner;
import io.chipledger.core.aml.AmlAlert;
import io.chipledger.core.aml.AmlAlertEvents;
import io.chipledger.core.campaign.Campaign;
import io.chipledger.core.campaign.CampaignEvents;
import io.chipledger.core.campaign.CampaignRewardDeliveredEvent;
import io.chipledger.core.segment.PlayerSegment;
import io.chipledger.core.segment.PlayerSegmentChangedEvent;
import io.chipledger.core.segment.SegmentRuleBook;
import io.chipledger.core.segment.SegmentRuleEvents;
import io.chipledger.core.rewardpool.RewardDrawnEvent;
import io.chipledger.core.rewardpool.RewardPool;
import io.chipledger.core.rewardpool.RewardPoolClosedEvent;
import io.chipledger.core.rewardpool.RewardPoolCreatedEvent;
import io.chipledger.core.settlement.SettlementStatement;
import io.chipledger.core.settlement.SettlementStatementIssuedEvent;
import java.util.List;

/**
 * Every type the event store holds under a stable name (its {@code @JsonTypeName}), so that a
 * class can be renamed or moved without making stored history unreadable. A new event or
 * aggregate (snapshots are stored too) is added here.
 */
public final class EventCatalogue {

    public static final List<Class<?>> STORED_TYPES = List.of(
            WalletOpenedEvent.class,
            FundsDepositedEvent.class,
            FundsWithdrawnEvent.class,
            WithdrawalRequestedEvent.class,
            WithdrawalApprovedEvent.class,
            WithdrawalReleasedEvent.class,
            BetPlacedEvent.class,
            WinPaidEvent.class,
            BetRolledBackEvent.class,
            UnknownBetRollbackRecordedEvent.class,
            RoundTimedOutEvent.class,
            BalanceAdjustedEvent.class,
            WalletFrozenEvent.class,
            WalletUnfrozenEvent.class,
            TokensGrantedEvent.class,
            TokensRevokedEvent.class,
            PlayRecordedEvent.class,
            PurchaseMadeEvent.class,
            RewardReceivedEvent.class,
            PlayerActivityRecordedEvent.class,
            PartnerRegisteredEvent.class,
            PartnerUpdatedEvent.class,
            PartnerSuspendedEvent.class,
            PartnerReactivatedEvent.class,
            SettlementPolicyChangedEvent.class,
            ApiKeyIssuedEvent.class,
            ApiKeyRevokedEvent.class,
            ApiKeyRotatedEvent.class,
            IpAllowListChangedEvent.class,
            RateLimitChangedEvent.class,
            AdminKeyIssuedEvent.class,
            AdminKeyRevokedEvent.class,
            SettlementStatementIssuedEvent.class,
            SegmentRuleEvents.Created.class,
            SegmentRuleEvents.Updated.class,
            SegmentRuleEvents.Enabled.class,
            SegmentRuleEvents.Disabled.class,
            SegmentRuleEvents.Deleted.class,
            SegmentRuleEvents.EvaluationRequested.class,
            PlayerSegmentChangedEvent.class,
            CouponEvents.Created.class,
            CouponEvents.Redeemed.class,
            CouponEvents.Disabled.class,
            CampaignEvents.Created.class,
            CampaignEvents.Scheduled.class,
            CampaignEvents.Started.class,
            CampaignEvents.Finished.class,
            CampaignEvents.Cancelled.class,
            CampaignRewardDeliveredEvent.class,
            AmlAlertEvents.Raised.class,
            AmlAlertEvents.Assigned.class,
            AmlAlertEvents.InvestigationStarted.class,
            AmlAlertEvents.Closed.class,
            AmlAlertEvents.Reported.class,
            AmlAlertEvents.NoteAdded.class,
            RewardPoolCreatedEvent.class,
            RewardDrawnEvent.class,
            RewardPoolClosedEvent.class,
            PlayerWallet.class,
            PlayerProfile.class,
            Partner.class,
            AdminKey.class,
            SettlementStatement.class,
            AmlAlert.class,
            SegmentRuleBook.class,
            PlayerSegment.class,
            Coupon.class,
            RewardPool.class,
            Campaign.class);

    private EventCatalogue() {
    }
}
