package io.chipledger.api.segment;

import static org.assertj.core.api.Assertions.assertThat;

import io.chipledger.api.LedgerApiTest;
import io.chipledger.api.LedgerClient.Reply;
import org.junit.jupiter.api.Test;

/**
 * Segment rules through the admin API (issue 17): marketing and ops write, support reads; every
 * change is an event of the partner's rule book naming the admin key; a bad rule is refused saying
 * where and stores nothing; a partner sees its own rules only.
 */
class SegmentRuleApiTest extends LedgerApiTest {

    private static final String VIP = "{\"name\":\"Big spenders\",\"segment\":\"VIP\",\"priority\":10,"
            + "\"condition\":{\"all\":[{\"field\":\"deposit_total\",\"asset\":\"USD\",\"op\":\">=\",\"value\":\"5000.00\"},"
            + "{\"field\":\"days_since_last_login\",\"op\":\"<\",\"value\":30}]}}";

    private Reply as(String key, String method, String path, String body) {
        return client.send(method, path, body, "X-Admin-Key", key);
    }

    private long bookEvents(String partnerId) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?", Long.class,
                "segment-rules:" + partnerId);
    }

    @Test
    void marketingWritesARuleEveryChangeIsAnEventAndSupportReadsIt() {
        String partner = client.newPartner()[0];
        String marketing = client.newAdminKey("Mia Marketing", "marketing")[1];
        String support = client.newAdminKey("Sam Support", "support")[1];
        String rules = "/admin/v1/partners/" + partner + "/segment-rules";

        Reply created = as(marketing, "POST", rules, VIP);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        String ruleId = created.text("rule_id");
        assertThat(created.body().at("/condition/all/0/value").asText()).as("canonical").isEqualTo("5000");
        assertThat(created.text("created_by")).startsWith("admin-key:");
        assertThat(as(support, "GET", rules, null).body().at("/rules/0/rule_id").asText()).isEqualTo(ruleId);
        assertThat(as(support, "GET", rules + "/" + ruleId, null).text("segment")).isEqualTo("VIP");
        assertThat(as(support, "POST", rules, VIP.replace("Big", "Small")).status()).isEqualTo(403);

        // The same definition again changes nothing; enabled alone is a disable; a new name is an update.
        assertThat(as(marketing, "PUT", rules + "/" + ruleId, VIP).status()).isEqualTo(200);
        assertThat(bookEvents(partner)).isEqualTo(1);
        Reply disabled = as(marketing, "PUT", rules + "/" + ruleId, VIP.replace("\"priority\":10,", "\"priority\":10,\"enabled\":false,"));
        assertThat(disabled.body().path("enabled").asBoolean()).isFalse();
        assertThat(eventsOf("segment-rules:" + partner, "segment.SegmentRuleDisabledEvent")).isEqualTo(1);
        assertThat(as(marketing, "PUT", rules + "/" + ruleId, VIP.replace("Big spenders", "Whales")).text("name")).isEqualTo("Whales");
        assertThat(jdbc.queryForList("SELECT convert_from(meta_data, 'UTF8')::jsonb ->> 'actor' FROM domain_event_entry "
                + "WHERE aggregate_identifier = ?", String.class, "segment-rules:" + partner)).hasSize(3).allMatch(actor -> actor.startsWith("admin-key:"));

        Reply deleted = as(marketing, "DELETE", rules + "/" + ruleId, null);
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(as(support, "GET", rules + "/" + ruleId, null).text("type")).endsWith("/unknown-segment-rule");
        assertThat(as(marketing, "DELETE", rules + "/" + ruleId, null).status()).isEqualTo(404);
    }

    @Test
    void aNameIsUniqueWhateverItsCaseAndAnotherPartnersRuleIsUnknown() {
        String partner = client.newPartner()[0];
        String other = client.newPartner()[0];
        String ops = client.newAdminKey("Olga Ops", "ops")[1];
        String rules = "/admin/v1/partners/" + partner + "/segment-rules";
        String ruleId = as(ops, "POST", rules, VIP).text("rule_id");

        Reply taken = as(ops, "POST", rules, VIP.replace("Big spenders", "BIG SPENDERS"));
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.text("type")).endsWith("/segment-rule-name-taken");
        assertThat(as(ops, "POST", "/admin/v1/partners/" + other + "/segment-rules", VIP).status()).as("another partner's name").isEqualTo(201);
        assertThat(as(ops, "GET", "/admin/v1/partners/" + other + "/segment-rules/" + ruleId, null).status()).isEqualTo(404);
        assertThat(as(ops, "DELETE", "/admin/v1/partners/" + other + "/segment-rules/" + ruleId, null).status()).isEqualTo(404);
        assertThat(bookEvents(partner)).isEqualTo(1);

        // The same name in another Unicode form or case folding is the same name.
        assertThat(as(ops, "POST", rules, VIP.replace("Big spenders", "Café")).status()).isEqualTo(201);
        assertThat(as(ops, "POST", rules, VIP.replace("Big spenders", "Cafe\u0301")).status()).as("NFD").isEqualTo(409);
        assertThat(as(ops, "POST", rules, VIP.replace("Big spenders", "Straße")).status()).isEqualTo(201);
        assertThat(as(ops, "POST", rules, VIP.replace("Big spenders", "STRASSE")).status()).as("full case folding").isEqualTo(409);
        assertThat(as(ops, "POST", rules, VIP.replace("Big spenders", "\u00a0Spenders")).text("field")).as("a no-break space").isEqualTo("name");
    }

    @Test
    void aBadRuleIsRefusedSayingWhereAndStoresNothing() {
        String partner = client.newPartner()[0];
        String marketing = client.newAdminKey("Mo Marketing", "marketing")[1];
        String rules = "/admin/v1/partners/" + partner + "/segment-rules";
        String deep = "{\"field\":\"dice_plays\",\"op\":\">=\",\"value\":1}";
        for (int i = 0; i < 9; i++) {
            deep = "{\"not\":" + deep + "}";
        }
        String[][] refusals = {
                {VIP.replace("deposit_total", "deposit_amount"), "condition/all/0/field"},
                {VIP.replace("\"value\":30", "\"value\":\"30\""), "condition/all/1/value"},
                {VIP.replace("\"asset\":\"USD\",", ""), "condition/all/0/asset"},
                {VIP.replace("\"USD\"", "\"XYZ\""), "condition/all/0/asset"},
                {VIP.replace("{\"field\":\"days_since_last_login\",\"op\":\"<\",\"value\":30}",
                        "{\"field\":\"country\",\"op\":\"==\",\"value\":\"XX\"}"), "condition/all/1/value"},
                {VIP.replace("\"segment\":\"VIP\"", "\"segment\":\"vip!\""), "segment"},
                {VIP.replace("\"priority\":10", "\"priority\":-1"), "priority"},
                {VIP.replace("Big spenders", " "), "name"},
                {"{\"name\":\"Deep\",\"segment\":\"X\",\"priority\":1,\"condition\":" + deep + "}", "condition/not/not/not/not/not/not/not/not"},
                {"{\"name\":\"No condition\",\"segment\":\"X\",\"priority\":1}", "condition"}};
        for (String[] refusal : refusals) {
            Reply refused = as(marketing, "POST", rules, refusal[0]);
            assertThat(refused.status()).as(refused.raw()).isEqualTo(400);
            assertThat(refused.text("field")).as(refused.raw()).isEqualTo(refusal[1]);
        }
        // Inside the condition, what the JSON reader itself refuses is said at the condition, with the reader's reason.
        String deeper = "{\"field\":\"dice_plays\",\"op\":\">=\",\"value\":1}";
        for (int i = 0; i < 200; i++) {
            deeper = "{\"not\":" + deeper + "}";
        }
        String[][] unreadable = {
                {"{\"name\":\"Deeper\",\"segment\":\"X\",\"priority\":1,\"condition\":" + deeper + "}", "nesting"},
                {VIP.replace("\"op\":\"<\"", "\"op\":\"<\",\"op\":\">\""), "a key appears twice"},
                {VIP.replace("Big spenders", "Big\u200bspenders"), "zero-width space"}};
        for (String[] refusal : unreadable) {
            Reply refused = as(marketing, "POST", rules, refusal[0]);
            assertThat(refused.status()).as(refused.raw()).isEqualTo(400);
            assertThat(refused.text("detail")).as(refused.raw()).contains(refusal[1]).doesNotContain("cannot be read");
            assertThat(refused.text("field")).as(refused.raw()).isIn("condition", "name");
        }
        assertThat(bookEvents(partner)).isZero();
        assertThat(as(marketing, "GET", "/admin/v1/partners/" + partner + "/segment-rules/not-a-rule", null).status()).isEqualTo(400);
        assertThat(as(marketing, "GET", "/admin/v1/partners/p_0000000000000000/segment-rules", null).status()).isEqualTo(404);
    }
}
