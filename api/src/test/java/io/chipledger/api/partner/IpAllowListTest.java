package io.chipledger.api.partner;

import static org.assertj.core.api.Assertions.assertThat;

import io.chipledger.api.LedgerApiTest;
import io.chipledger.api.LedgerClient.Reply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A partner's keys are accepted only from its allow-listed blocks (IPv4 and IPv6), judged on the
 * client address behind the tests' trusted proxy (loopback, application-test.yml); ops set the
 * list, support reads it, bad input stores nothing.
 */
class IpAllowListTest extends LedgerApiTest {

    private static final String CHANGED = "partner.IpAllowListChangedEvent";

    private String partnerId;
    private String apiKey;

    @BeforeEach
    void newPartner() {
        String[] partner = client.newPartner();
        partnerId = partner[0];
        apiKey = partner[1];
    }

    @Test
    void keysAreAcceptedOnlyFromTheListedBlocks() {
        assertThat(fromAddress("203.0.113.50").status()).as("no list: any address").isEqualTo(404);

        Reply set = setList("[\"203.0.113.0/24\", \"2001:DB8::/32\"]");
        assertThat(set.status()).isEqualTo(200);
        assertThat(set.body().get("cidrs").toString()).isEqualTo("[\"203.0.113.0/24\",\"2001:db8::/32\"]");

        assertThat(fromAddress("203.0.113.50").status()).isEqualTo(404);
        assertThat(fromAddress("2001:db8:7::1").status()).isEqualTo(404);
        Reply outside = fromAddress("198.51.100.7");
        assertThat(outside.status()).isEqualTo(403);
        assertThat(outside.text("type")).endsWith("/address-not-allowed");
        assertThat(outside.text("detail")).contains("198.51.100.7");
        assertThat(fromAddress("2001:db9::1").status()).isEqualTo(403);
        assertThat(client.get(apiKey, "/api/v1/wallets/nobody").status()).as("loopback itself is not listed").isEqualTo(403);
        assertThat(client.send("GET", "/api/v1/wallets/nobody", null, "X-API-Key", apiKey, "X-Forwarded-For", "my-host").status())
                .as("a hop that is no address is no listed client").isEqualTo(403);

        assertThat(setList("[]").status()).isEqualTo(200);
        assertThat(fromAddress("198.51.100.7").status()).as("an empty list accepts any address again").isEqualTo(404);
        assertThat(eventsOf(partnerId, CHANGED)).isEqualTo(2);
    }

    @Test
    void theEventsOfAnAcceptedRequestNameTheClientNotTheProxy() {
        setList("[\"203.0.113.0/24\"]");
        Reply deposit = client.send("POST", "/api/v1/wallets/ana/deposits",
                "{\"amount\":\"5.00\",\"currency\":\"USD\",\"transaction_id_partner\":\"ip-1\"}",
                "X-API-Key", apiKey, "X-Forwarded-For", "203.0.113.8");
        assertThat(deposit.status()).isEqualTo(200);
        String metaData = jdbc.queryForObject("SELECT convert_from(meta_data, 'UTF8') FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND payload_type = 'wallet.FundsDepositedEvent'", String.class, partnerId + ":ana");
        assertThat(metaData).contains("\"request_ip\":\"203.0.113.8\"");
    }

    @Test
    void theSameListAgainRecordsNothingAndEveryChangeIsReadBack() {
        setList("[\"198.51.100.0/24\"]");
        setList("[\"198.51.100.0/24\"]");
        assertThat(eventsOf(partnerId, CHANGED)).isEqualTo(1);
        Reply read = client.admin("GET", "/admin/v1/partners/" + partnerId + "/ip-allow-list", null);
        assertThat(read.body().get("cidrs").toString()).isEqualTo("[\"198.51.100.0/24\"]");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"cidrs\":[\"example.com\"],\"reason\":\"r\"}",
            "{\"cidrs\":[\"10.0.0.1/8\"],\"reason\":\"r\"}",
            "{\"cidrs\":[\"10.0.0.0/33\"],\"reason\":\"r\"}",
            "{\"cidrs\":[\"10.0.0.0/8\",\"10.0.0.0/8\"],\"reason\":\"r\"}",
            "{\"cidrs\":[\"::1%lo\"],\"reason\":\"r\"}",
            "{\"cidrs\":[null],\"reason\":\"r\"}",
            "{\"reason\":\"r\"}",
            "{\"cidrs\":[\"10.0.0.0/8\"]}",
            "{\"cidrs\":[\"10.0.0.0/8\"],\"reason\":\"   \"}"})
    void badListsAreRefusedAndStoreNothing(String body) {
        Reply refused = client.admin("PUT", "/admin/v1/partners/" + partnerId + "/ip-allow-list", body);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text("type")).endsWith("/invalid-request");
        assertThat(eventsOf(partnerId, CHANGED)).isZero();
    }

    @Test
    void fiftyBlocksAreTakenAndFiftyOneRefused() {
        assertThat(setList(blocks(50)).status()).isEqualTo(200);
        assertThat(setList(blocks(51)).status()).isEqualTo(400);
        assertThat(eventsOf(partnerId, CHANGED)).isEqualTo(1);
    }

    @Test
    void supportReadsTheListOnlyOpsChangeItAndAnUnknownPartnerIsNotFound() {
        String support = client.newAdminKey("sam", "support")[1];
        assertThat(client.send("GET", "/admin/v1/partners/" + partnerId + "/ip-allow-list", null, "X-Admin-Key", support).status())
                .isEqualTo(200);
        assertThat(client.send("PUT", "/admin/v1/partners/" + partnerId + "/ip-allow-list", "{\"cidrs\":[],\"reason\":\"r\"}",
                "X-Admin-Key", support).status()).isEqualTo(403);
        assertThat(client.admin("PUT", "/admin/v1/partners/p_0000000000000000/ip-allow-list", "{\"cidrs\":[\"10.0.0.0/8\"],\"reason\":\"r\"}")
                .status()).isEqualTo(404);
        assertThat(client.get(apiKey, "/admin/v1/partners/" + partnerId + "/ip-allow-list").status()).isEqualTo(403);
    }

    private Reply setList(String cidrs) {
        return client.admin("PUT", "/admin/v1/partners/" + partnerId + "/ip-allow-list",
                "{\"cidrs\":" + cidrs + ",\"reason\":\"game servers' egress\"}");
    }

    /** A read of a wallet that does not exist: 404 once the key is accepted, so the status tells the door's decision. */
    private Reply fromAddress(String address) {
        return client.send("GET", "/api/v1/wallets/nobody", null, "X-API-Key", apiKey, "X-Forwarded-For", address);
    }

    private static String blocks(int count) {
        StringBuilder list = new StringBuilder("[");
        for (int i = 0; i < count; i++) {
            list.append(i == 0 ? "" : ",").append("\"10.").append(i).append(".0.0/16\"");
        }
        return list.append("]").toString();
    }
}
