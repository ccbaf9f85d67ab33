package io.chipledger.api.purchase;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;

/** The JSON body of a purchase (snake_case on the wire): {@code quantity} 1-1000 of {@code sku}, for {@code price} in all. */
final class PurchaseRequests {

    private PurchaseRequests() {
    }

    record PriceRequest(@Schema(requiredMode = REQUIRED, example = "CC_COIN") String asset,
                        @Schema(requiredMode = REQUIRED, example = "30") BigDecimal amount) {
    }

    /** {@code price} is what the whole quantity costs. */
    record PurchaseRequest(@Schema(requiredMode = REQUIRED, example = "gem-pack") String sku,
                           @Schema(requiredMode = REQUIRED, minimum = "1", maximum = "" + PurchaseController.QUANTITY_MAX, example = "3")
                           Integer quantity,
                           @Schema(requiredMode = REQUIRED) PriceRequest price,
                           @Schema(example = "buy-1") String transactionIdPartner) {
    }
}
