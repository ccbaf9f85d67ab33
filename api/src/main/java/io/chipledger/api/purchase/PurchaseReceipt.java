package io.chipledger.api.purchase;

/**
 * The signed receipt of a purchase, as the partner receives it. {@code signature} covers every
 * other field ({@link ReceiptSigner} gives the canonical form); {@code amount} is the price paid
 * for the whole quantity, in {@code currency}.
 */
record PurchaseReceipt(String version, String partnerId, String playerId, String transactionId, String transactionIdPartner,
                       String sku, int quantity, String currency, String amount, String purchasedAt, String keyId,
                       String signature) {

    PurchaseReceipt signedWith(String signature) {
        return new PurchaseReceipt(version, partnerId, playerId, transactionId, transactionIdPartner, sku, quantity, currency, amount,
                purchasedAt, keyId, signature);
    }
}
