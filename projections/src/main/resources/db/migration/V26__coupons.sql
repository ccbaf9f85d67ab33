-- Partners' coupons (issue 20) as they stand and each of their uses, written in each coupon command's
-- transaction (a subscribing group), so staff read a change, and a redemption, at once.
CREATE TABLE coupon (
    partner_id text NOT NULL,
    code text NOT NULL,
    -- bonus_token, fixed, free_spins or percentage, and the terms of that kind (the others null).
    kind text NOT NULL,
    asset text,
    amount_minor bigint,
    game_id text,
    spin_count integer,
    percent_basis_points integer,
    window_days integer,
    cap_minor bigint,
    expires_at timestamptz NOT NULL,
    usage_limit integer NOT NULL,
    per_player_limit integer NOT NULL,
    segment text,
    status text NOT NULL,
    uses integer NOT NULL,
    created_at timestamptz NOT NULL,
    created_by text,
    disabled_at timestamptz,
    disabled_by text,
    disabled_reason text,
    PRIMARY KEY (partner_id, code)
);

-- One row per coupon.CouponRedeemedEvent, keyed by the event's id; use_number orders a coupon's uses.
CREATE TABLE coupon_redemption (
    event_id text PRIMARY KEY,
    partner_id text NOT NULL,
    code text NOT NULL,
    use_number integer NOT NULL,
    player_id text NOT NULL,
    player_use_number integer NOT NULL,
    transaction_id text NOT NULL,
    partner_transaction_id text NOT NULL,
    credited_asset text,
    credited_minor bigint,
    net_loss_minor bigint,
    window_from timestamptz,
    window_to timestamptz,
    segment text,
    redeemed_at timestamptz NOT NULL,
    redeemed_by text,
    UNIQUE (partner_id, code, use_number)
);
