package io.chipledger.core.partner;

import io.chipledger.core.ledger.RuleViolation;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PartnerTest {

    private static final PartnerRegisteredEvent REGISTERED =
            new PartnerRegisteredEvent("p1", "Lucky Ops", PartnerType.OPERATOR, 500, "ops@lucky.example");
    private static final ApiKeyIssuedEvent KEY_ISSUED = new ApiKeyIssuedEvent("p1", "k1", "abcd1234", "hash",
            Set.of(ApiScope.WALLET_WRITE), null);

    private FixtureConfiguration<Partner> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Partner.class);
    }

    @Test
    void aPartnerIsRegistered() {
        fixture.givenNoPriorActivity()
                .when(new RegisterPartnerCommand("p1", "Lucky Ops", PartnerType.OPERATOR, 500, "ops@lucky.example",
                        SettlementPolicy.SINGLE_WIN))
                .expectEvents(REGISTERED);
    }

    @Test
    void aPartnerRegisteredMultiWinRecordsThePolicyInTheSameCommit() {
        fixture.givenNoPriorActivity()
                .when(new RegisterPartnerCommand("p1", "Lucky Ops", PartnerType.OPERATOR, 500, "ops@lucky.example",
                        SettlementPolicy.MULTI_WIN))
                .expectEvents(REGISTERED, new SettlementPolicyChangedEvent("p1", SettlementPolicy.MULTI_WIN));
    }

    @Test
    void aPartnerWithoutAPolicyInItsHistorySettlesSingleWin() {
        fixture.given(REGISTERED)
                .when(new ChangeSettlementPolicyCommand("p1", SettlementPolicy.SINGLE_WIN))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aPolicyChangeIsRecordedOnlyWhenThePolicyDiffers() {
        fixture.given(REGISTERED)
                .when(new ChangeSettlementPolicyCommand("p1", SettlementPolicy.MULTI_WIN))
                .expectEvents(new SettlementPolicyChangedEvent("p1", SettlementPolicy.MULTI_WIN));
        fixture.given(REGISTERED, new SettlementPolicyChangedEvent("p1", SettlementPolicy.MULTI_WIN))
                .when(new ChangeSettlementPolicyCommand("p1", SettlementPolicy.MULTI_WIN))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(REGISTERED, new SettlementPolicyChangedEvent("p1", SettlementPolicy.MULTI_WIN))
                .when(new ChangeSettlementPolicyCommand("p1", SettlementPolicy.SINGLE_WIN))
                .expectEvents(new SettlementPolicyChangedEvent("p1", SettlementPolicy.SINGLE_WIN));
    }

    @Test
    void aPolicyIsRequired() {
        fixture.given(REGISTERED)
                .when(new ChangeSettlementPolicyCommand("p1", null))
                .expectNoEvents()
                .expectException(IllegalArgumentException.class);
    }

    @Test
    void aCommissionRateAboveOneHundredPercentIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new RegisterPartnerCommand("p1", "Lucky Ops", PartnerType.OPERATOR, 10_001, "ops@lucky.example",
                        SettlementPolicy.SINGLE_WIN))
                .expectException(IllegalArgumentException.class);
    }

    @Test
    void aKeyIsIssuedWithItsHashOnly() {
        Instant expiry = Instant.parse("2030-01-01T00:00:00Z");
        fixture.given(REGISTERED)
                .when(new IssueApiKeyCommand("p1", "k2", "efgh5678", "hash2", Set.of(ApiScope.WALLET_READ), expiry))
                .expectEvents(new ApiKeyIssuedEvent("p1", "k2", "efgh5678", "hash2", Set.of(ApiScope.WALLET_READ), expiry));
    }

    @Test
    void aSuspendedPartnerGetsNoNewKeys() {
        fixture.given(REGISTERED, new PartnerSuspendedEvent("p1", "unpaid"))
                .when(new IssueApiKeyCommand("p1", "k2", "efgh5678", "hash2", Set.of(ApiScope.WALLET_READ), null))
                .expectNoEvents()
                .expectException(RuleViolation.class);
    }

    @Test
    void aKeyIsRevokedOnce() {
        fixture.given(REGISTERED, KEY_ISSUED)
                .when(new RevokeApiKeyCommand("p1", "k1"))
                .expectEvents(new ApiKeyRevokedEvent("p1", "k1"));
        fixture.given(REGISTERED, KEY_ISSUED, new ApiKeyRevokedEvent("p1", "k1"))
                .when(new RevokeApiKeyCommand("p1", "k1"))
                .expectNoEvents()
                .expectException(RuleViolation.class);
    }

    @Test
    void liveKeysAreBounded() {
        Object[] history = new Object[1 + Partner.LIVE_API_KEYS_MAX];
        history[0] = REGISTERED;
        for (int i = 0; i < Partner.LIVE_API_KEYS_MAX; i++) {
            history[1 + i] = new ApiKeyIssuedEvent("p1", "k" + i, "prefix" + i, "hash", Set.of(ApiScope.WALLET_READ), null);
        }
        fixture.given(history)
                .when(new IssueApiKeyCommand("p1", "k-over", "over0000", "hash", Set.of(ApiScope.WALLET_READ), null))
                .expectNoEvents()
                .expectException(RuleViolation.class);
    }

    @Test
    void aPartnersProfileIsUpdated() {
        fixture.given(REGISTERED)
                .when(new UpdatePartnerCommand("p1", "Lucky Ops Ltd", 600, "finance@lucky.example"))
                .expectEvents(new PartnerUpdatedEvent("p1", "Lucky Ops Ltd", 600, "finance@lucky.example"));
    }

    @Test
    void aPartnerIsSuspendedOnce() {
        fixture.given(REGISTERED)
                .when(new SuspendPartnerCommand("p1", "unpaid"))
                .expectEvents(new PartnerSuspendedEvent("p1", "unpaid"));
        fixture.given(REGISTERED, new PartnerSuspendedEvent("p1", "unpaid"))
                .when(new SuspendPartnerCommand("p1", "again"))
                .expectNoEvents()
                .expectException(RuleViolation.class);
    }

    @Test
    void anActivePartnerCannotBeReactivated() {
        fixture.given(REGISTERED)
                .when(new ReactivatePartnerCommand("p1", "why"))
                .expectNoEvents()
                .expectException(RuleViolation.class);
    }

    @Test
    void aSuspendedPartnerCanBeReactivated() {
        fixture.given(REGISTERED, new PartnerSuspendedEvent("p1", "unpaid"))
                .when(new ReactivatePartnerCommand("p1", "paid"))
                .expectEvents(new PartnerReactivatedEvent("p1", "paid"));
    }

    @Test
    void aRotationIssuesASuccessorWithTheSameScopesAndEndsTheOldKeyAtTheOverlap() {
        Instant overlapEnd = Instant.parse("2026-12-08T00:00:00Z");
        fixture.given(REGISTERED, KEY_ISSUED)
                .when(new RotateApiKeyCommand("p1", "k1", "k2", "ffff0000", "hash2", null, overlapEnd))
                .expectEvents(new ApiKeyIssuedEvent("p1", "k2", "ffff0000", "hash2", Set.of(ApiScope.WALLET_WRITE), null),
                        new ApiKeyRotatedEvent("p1", "k1", "k2", overlapEnd));
    }

    @Test
    void aKeyIsRotatedOnceAndNeverBeyondItsOwnExpiry() {
        Instant overlapEnd = Instant.parse("2026-12-08T00:00:00Z");
        fixture.given(REGISTERED, KEY_ISSUED, new ApiKeyIssuedEvent("p1", "k2", "ffff0000", "hash2", Set.of(ApiScope.WALLET_WRITE), null),
                        new ApiKeyRotatedEvent("p1", "k1", "k2", overlapEnd))
                .when(new RotateApiKeyCommand("p1", "k1", "k3", "eeee0000", "hash3", null, overlapEnd))
                .expectNoEvents()
                .expectException(RuleViolation.class);
        fixture.given(REGISTERED, new ApiKeyIssuedEvent("p1", "k1", "abcd1234", "hash", Set.of(ApiScope.WALLET_WRITE), overlapEnd))
                .when(new RotateApiKeyCommand("p1", "k1", "k2", "ffff0000", "hash2", null, overlapEnd.plusSeconds(1)))
                .expectNoEvents()
                .expectException(RuleViolation.class);
        fixture.given(REGISTERED, KEY_ISSUED, new ApiKeyRevokedEvent("p1", "k1"))
                .when(new RotateApiKeyCommand("p1", "k1", "k2", "ffff0000", "hash2", null, overlapEnd))
                .expectNoEvents()
                .expectException(RuleViolation.class);
    }

    @Test
    void anAllowListIsRecordedOnlyWhenItChanges() {
        fixture.given(REGISTERED)
                .when(new ChangeIpAllowListCommand("p1", List.of("203.0.113.0/24"), "egress"))
                .expectEvents(new IpAllowListChangedEvent("p1", List.of("203.0.113.0/24"), "egress"));
        fixture.given(REGISTERED, new IpAllowListChangedEvent("p1", List.of("203.0.113.0/24"), "egress"))
                .when(new ChangeIpAllowListCommand("p1", List.of("203.0.113.0/24"), "again"))
                .expectNoEvents();
        fixture.given(REGISTERED)
                .when(new ChangeIpAllowListCommand("p1", List.of(), "none"))
                .expectNoEvents();
    }

    @Test
    void aRateLimitHasBothValuesOrNeither() {
        fixture.given(REGISTERED)
                .when(new ChangeRateLimitCommand("p1", 50, 100))
                .expectEvents(new RateLimitChangedEvent("p1", 50, 100));
        fixture.given(REGISTERED)
                .when(new ChangeRateLimitCommand("p1", 50, null))
                .expectNoEvents()
                .expectException(IllegalArgumentException.class);
        fixture.given(REGISTERED)
                .when(new ChangeRateLimitCommand("p1", 50, 49))
                .expectNoEvents()
                .expectException(IllegalArgumentException.class);
        fixture.given(REGISTERED, new RateLimitChangedEvent("p1", 50, 100))
                .when(new ChangeRateLimitCommand("p1", null, null))
                .expectEvents(new RateLimitChangedEvent("p1", null, null));
    }
}
