package io.chipledger.api.fault;

import io.chipledger.api.LedgerClient.Reply;

/**
 * One command a load client sent, under its own key ({@code transaction_id_partner}), and what
 * the client saw: the answer, a refusal, or nothing (the service died, or answered busy until the
 * load stopped). A command is sent again, with the same key and body, only by the checks.
 */
final class SentCommand {

    enum Kind { DEPOSIT, BET, WIN }

    /** What the client knows of the command. */
    enum Fate {
        /** A 2xx answer: it must be in the ledger exactly once, and a retry must replay this answer. */
        ANSWERED,
        /** A definite refusal (4xx): nothing of it may be in the ledger. */
        REFUSED,
        /** No answer (connection refused or reset, a timeout, or 503 busy): in the ledger once or not at all, never half. */
        UNANSWERED
    }

    final String key;
    /** The load client that sent it, in its order; -1 for the wallets' funding. */
    final int client;
    final String player;
    final Kind kind;
    final long amountMinor;
    final String path;
    final String body;
    /** The round (between two kills) it was first sent in. */
    final int round;

    private volatile Fate fate = Fate.UNANSWERED;
    private volatile int status;
    private volatile String answer;
    private volatile boolean failedOver;
    private volatile int settledStatus;
    private volatile String settledAnswer;

    SentCommand(String key, int client, String player, Kind kind, long amountMinor, String path, String body, int round) {
        this.key = key;
        this.client = client;
        this.player = player;
        this.kind = kind;
        this.amountMinor = amountMinor;
        this.path = path;
        this.body = body;
        this.round = round;
    }

    /** The load's answer. */
    void answered(Reply reply) {
        status = reply.status();
        answer = reply.raw();
        fate = reply.status() >= 200 && reply.status() < 300 ? Fate.ANSWERED : Fate.REFUSED;
    }

    /** The answer to sending it again after the fault, for a command the load had no success answer for. */
    void settled(Reply reply) {
        settledStatus = reply.status();
        settledAnswer = reply.raw();
    }

    void failedOver() {
        failedOver = true;
    }

    /** What the load saw of it; sending it again after the fault does not change this. */
    Fate fate() {
        return fate;
    }

    /** The load's answer's status (0: none). */
    int status() {
        return status;
    }

    /** The body of the load's answer, which every retry must replay. */
    String answer() {
        return answer;
    }

    /** Answered success by the load, or by sending it again after the fault: it must be in the ledger once. */
    boolean answeredInTheEnd() {
        return fate == Fate.ANSWERED || (settledStatus >= 200 && settledStatus < 300);
    }

    /** Its first node gave no answer, and another node answered it. */
    boolean answeredAfterFailover() {
        return failedOver && fate == Fate.ANSWERED;
    }

    /** What it moves in the player's available balance, once applied. */
    long playerDeltaMinor() {
        return kind == Kind.BET ? -amountMinor : amountMinor;
    }

    @Override
    public String toString() {
        return kind + " " + key + " (" + fate + (status == 0 ? "" : " " + status) + (settledStatus == 0 ? "" : ", then " + settledStatus) + ")";
    }
}
