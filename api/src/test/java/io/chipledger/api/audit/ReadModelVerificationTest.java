package io.chipledger.api.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Snapshots and read models altered in a copy of real ones are found against the events (issue 13). */
class ReadModelVerificationTest extends ScratchStoreTest {
    @Test
    void aSnapshotAlteredIsFoundEvenWhenResealed() {
        String state = "{\"status\":\"ACTIVE\",\"balances\":{\"USD\":{\"available\":9000,\"reserved\":0}}}";
        storeSnapshot(state, true);
        Result sound = verify();
        scratch.update("DELETE FROM snapshot_event_entry");
        storeSnapshot(state.replace("9000", "9900"), false);
        Result altered = verify();
        scratch.update("DELETE FROM snapshot_event_entry");
        storeSnapshot(state.replace("9000", "9900"), true);
        Result resealed = verify();
        scratch.update("DELETE FROM snapshot_event_entry");
        storeSnapshot(state.replace("ACTIVE", "FROZEN"), true);
        Result frozen = verify();

        assertThat(sound.exitCode()).as(sound.out()).isEqualTo(AuditCommand.CLEAN);
        assertThat(failureLines(altered)).as(altered.out()).anyMatch(line -> line.contains(" sequence 2 ") && line.contains("snapshot's seal"));
        assertThat(failureLines(resealed)).as(resealed.out()).singleElement().asString()
                .contains(" sequence 2 ").contains("snapshot's status and balances: expected ACTIVE {USD=9000/0}, found ACTIVE {USD=9900/0}");
        assertThat(failureLines(frozen)).as(frozen.out()).singleElement().asString()
                .contains("expected ACTIVE {USD=9000/0}, found FROZEN {USD=9000/0}");
    }

    @Test
    void aReadModelBalanceChangedIsFoundAtTheWalletsEvent() {
        scratch.update("UPDATE wallet_balance SET available_minor = available_minor + 1");

        Result result = verify();

        assertThat(result.exitCode()).isEqualTo(AuditCommand.FAILURES_FOUND);
        assertThat(result.out()).contains("FAILED " + wallet + " ").contains("wallet_balance of USD");
    }

    @Test
    void aHistoryRowRemovedIsFoundAtItsEventAndAMovedOneAtItsPosition() {
        scratch.update("DELETE FROM wallet_transaction WHERE wallet_sequence = 3");
        Result removed = verify();
        scratch.update("UPDATE wallet_transaction SET global_position = global_position + 100000 WHERE wallet_sequence = 2");
        Result moved = verify();

        assertThat(failureLines(removed)).as(removed.out()).anyMatch(line -> line.contains("FAILED " + wallet + " sequence 3 ")
                && line.contains("row in read model wallet_transaction: expected a row for this event, found none"));
        assertThat(failureLines(moved)).as(moved.out()).anyMatch(line -> line.contains(" sequence 2 ")
                && line.contains("row in read model wallet_transaction"));
    }

    @Test
    void aPlayersActivityFiguresChangedAreFoundAtTheProfile() {
        scratch.update("UPDATE player_activity SET total_play_duration_seconds = 9000");

        Result result = verify();

        assertThat(failureLines(result)).as(result.out()).singleElement().asString()
                .contains("FAILED profile:").containsPattern("player_activity: expected \\d activities, 90 s played, after sequence \\d, "
                        + "found \\d activities, 9000 s played");
    }


    @Test
    void aHistoryAmountChangedAndABalanceRowOfAnAssetNeverHeldAreFound() {
        scratch.update("UPDATE wallet_transaction SET available_change_minor = available_change_minor + 50000 WHERE wallet_sequence = 1");
        scratch.update("INSERT INTO wallet_balance (partner_id, player_id, asset, available_minor, reserved_minor, wallet_sequence, updated_at) "
                + "SELECT partner_id, player_id, 'EUR', 700000, 0, wallet_sequence, updated_at FROM wallet_balance WHERE asset = 'USD'");

        Result result = verify();

        assertThat(failureLines(result)).as(result.out())
                .anyMatch(line -> line.contains("FAILED " + wallet + ": content of read model wallet_transaction (the money its lines move"))
                .anyMatch(line -> line.contains("wallet_balance of EUR: expected no row (no event of the wallet moved EUR), found 700000/0"))
                .anyMatch(line -> line.contains("(read model wallet_balance): rows (one per wallet and asset its events moved)"));
    }

    @Test
    void aSystemAccountChangedIsFoundWhileTheProjectionLagsOrParksAnotherWallet() {
        // A forged dead letter of another wallet, and the balances token set back behind the wallet's last events.
        scratch.update("INSERT INTO dead_letter_entry (dead_letter_id, processing_group, sequence_identifier, sequence_index, message_type, "
                + "event_identifier, time_stamp, payload_type, payload, enqueued_at, aggregate_identifier) VALUES ('dl-1', 'wallet-balances', "
                + "'p_0000000000000000:ghost', 0, 'DomainEventMessage', 'e-1', '2026-01-01T00:00:00.000Z', 'wallet.FundsDepositedEvent', "
                + "'{}'::bytea, '2026-01-01T00:00:00.000Z', 'p_0000000000000000:ghost')");
        long third = scratch.queryForObject("SELECT global_index FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = 2",
                Long.class, wallet);
        scratch.update("UPDATE token_entry SET token = convert_to(?, 'UTF8') WHERE processor_name = 'wallet-balances'",
                "{\"index\":" + third + ",\"gaps\":[]}");
        scratch.update("UPDATE system_account_entry SET amount_minor = amount_minor - 1000000 WHERE event_position = (SELECT global_index "
                + "FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = 1)", wallet);

        Result result = verify();

        assertThat(failureLines(result)).as(result.out()).anyMatch(line -> line.contains("system account balance"));
    }
}
