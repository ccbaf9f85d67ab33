package io.chipledger.api.purchase;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs purchase receipts so that a partner can check them offline. The canonical form is the
 * receipt's fields, exactly as the receipt shows them, one per line in this order, joined by a
 * line feed with none at the end, in UTF-8:
 * <pre>
 * chipledger-receipt-v1
 * partner_id
 * player_id
 * transaction_id
 * transaction_id_partner
 * sku
 * quantity
 * currency
 * amount
 * purchased_at
 * key_id
 * </pre>
 * The signature is HMAC-SHA256 of that text under the partner's secret (the bytes of its hex
 * form), in lower-case hex. No field can hold a line feed: identifiers, skus and amounts are
 * checked against patterns without one.
 */
final class ReceiptSigner {

    static final String VERSION = "chipledger-receipt-v1";
    static final String ALGORITHM = "HMAC-SHA256";

    private ReceiptSigner() {
    }

    static String canonicalForm(PurchaseReceipt receipt) {
        return String.join("\n", VERSION, receipt.partnerId(), receipt.playerId(), receipt.transactionId(),
                receipt.transactionIdPartner(), receipt.sku(), Integer.toString(receipt.quantity()), receipt.currency(),
                receipt.amount(), receipt.purchasedAt(), receipt.keyId());
    }

    static String signature(byte[] secret, String canonicalForm) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(canonicalForm.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }
}
