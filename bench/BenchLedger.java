import java.io.IOException;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The ledger as the load benches use it: a partner and its key, wallets funded through the batch
 * API, the commands of one game round.
 */
public final class BenchLedger {

    /** Commands per batch, in the funding and in LoadHarness's batch runs: the batch API's most. */
    public static final int BATCH_COMMANDS = 1_000;
    static final int FUNDING_CLIENTS = 4;

    private BenchLedger() {
    }

    /** Registers a partner with the admin key and answers its new API key (wallet read and write). */
    public static String registerPartner(int port) throws IOException {
        try (Http http = Http.open(port)) {
            String partnerId = Http.field(http.send("POST", "/admin/v1/partners", "X-Admin-Key", BenchService.ADMIN_KEY,
                    "{\"name\":\"Bench\",\"type\":\"operator\",\"commission_rate\":\"0.05\",\"contact_email\":\"bench@example.com\"}"), "partner_id");
            return Http.field(http.send("POST", "/admin/v1/partners/" + partnerId + "/api-keys", "X-Admin-Key", BenchService.ADMIN_KEY,
                    "{\"scopes\":[\"wallet:read\",\"wallet:write\"]}"), "api_key");
        }
    }

    /** Opens and funds each wallet with 100,000,000.00 USD through the batch API, 1,000 deposits a batch. */
    public static void fundWallets(int port, String apiKey, List<String> wallets) throws Exception {
        long start = System.nanoTime();
        BenchSupport.runClients(FUNDING_CLIENTS, client -> {
            try (Http http = Http.open(port)) {
                StringBuilder batch = new StringBuilder();
                int inBatch = 0;
                for (int i = client; i < wallets.size(); i += FUNDING_CLIENTS) {
                    String wallet = wallets.get(i);
                    batch.append(inBatch++ == 0 ? "" : ",").append("{\"operation\":\"deposit\",\"player_id\":\"").append(wallet)
                            .append("\",\"amount\":\"100000000.00\",\"currency\":\"USD\",\"transaction_id_partner\":\"fund-").append(wallet).append("\"}");
                    if (inBatch == BATCH_COMMANDS || i + FUNDING_CLIENTS >= wallets.size()) {
                        sendUntilAnswered(http, apiKey, "{\"commands\":[" + batch + "]}");
                        batch.setLength(0);
                        inBatch = 0;
                    }
                }
            }
            return null;
        });
        BenchSupport.progress("funded %d wallets in %.1f s", wallets.size(), (System.nanoTime() - start) / 1e9);
    }

    /**
     * Sends a batch as its guide says a client should: again, as it was, while the ledger has not
     * answered every command (503, or commands pending), at most ten times.
     */
    public static void sendUntilAnswered(Http http, String apiKey, String batch) throws Exception {
        for (int attempt = 1; ; attempt++) {
            Http.Response response = http.send("POST", "/api/v1/batches", "X-API-Key", apiKey, batch);
            if (response.status() == 200 && response.body().contains("\"pending\":0,")) {
                return;
            }
            if (attempt == 10 || (response.status() != 200 && response.status() != 503)) {
                throw new IllegalStateException("HTTP " + response.status() + " after " + attempt + " attempts: "
                        + response.body().substring(0, Math.min(500, response.body().length())));
            }
            Thread.sleep(1_000);
        }
    }

    /**
     * One game round: {path under the wallet, body} for a bet of 1.00, then for what settles it: a
     * win of 0.50 (three rounds in four) or a rollback of the bet. Each command has a key made from
     * {@code betId}, so a fresh id is real work.
     */
    public static String[][] round(String betId) {
        String bet = "{\"amount\":\"1.00\",\"currency\":\"USD\",\"game_id\":\"slots\",\"round_id\":\"" + betId
                + "\",\"transaction_id_partner\":\"" + betId + "\"}";
        if (ThreadLocalRandom.current().nextInt(4) == 0) {
            return new String[][] {{"/bets", bet}, {"/rollbacks", "{\"transaction_id_partner\":\"r" + betId
                    + "\",\"rolled_back_transaction_id_partner\":\"" + betId + "\"}"}};
        }
        return new String[][] {{"/bets", bet}, {"/wins", "{\"amount\":\"0.50\",\"currency\":\"USD\",\"game_id\":\"slots\",\"round_id\":\""
                + betId + "\",\"transaction_id_partner\":\"w" + betId + "\",\"bet_transaction_id_partner\":\"" + betId + "\"}"}};
    }
}
