package io.chipledger.api.asset;

import io.chipledger.api.LedgerProperties;
import io.chipledger.api.problem.Echo;
import io.chipledger.api.problem.InvalidRequestException;
import io.chipledger.core.asset.AmountFormat;
import io.chipledger.core.asset.Asset;
import io.chipledger.core.asset.AssetKind;
import io.chipledger.core.wallet.AssetAmount;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.springframework.stereotype.Component;

/** The assets wallets may hold, from configuration ({@code chipledger.assets}). */
@Component
public class AssetRegistry {

    private final Map<String, Asset> assetsByCode = new LinkedHashMap<>();

    public AssetRegistry(LedgerProperties properties) {
        for (Asset asset : properties.assets()) {
            if (assetsByCode.put(asset.code(), asset) != null) {
                throw new IllegalStateException("asset " + asset.code() + " is configured twice");
            }
        }
    }

    /** The configured asset of a code, if it is one (a code of stored history may have left the configuration). */
    public Optional<Asset> find(String code) {
        return Optional.ofNullable(code == null ? null : assetsByCode.get(code));
    }

    /** The asset of a code the ledger stored: it was checked when it was written. */
    public Asset require(String code) {
        return requested(null, code);
    }

    /** The asset a request names in {@code field}; an unknown or missing code is the caller's error on that field. */
    public Asset requested(String field, String code) {
        Asset asset = code == null ? null : assetsByCode.get(code);
        if (asset == null) {
            throw new UnknownAssetException(field, code);
        }
        return asset;
    }

    /** The codes of the configured assets of the kinds {@code wanted}, in configuration order. */
    public List<String> codes(Predicate<AssetKind> wanted) {
        return assetsByCode.values().stream().filter(asset -> wanted.test(asset.kind())).map(Asset::code).toList();
    }

    /** An amount of the asset a request names in {@code field}, checked against the asset's scale, in minor units. */
    public AssetAmount amount(String field, String code, BigDecimal amount) {
        Asset asset = requested(field, code);
        return new AssetAmount(asset.code(), AmountFormat.toMinorUnits(amount, asset));
    }

    /** A game token; a currency where a token is due is the caller's error on {@code field}. */
    public Asset requireToken(String field, String code) {
        Asset asset = requested(field, code);
        if (asset.kind() != AssetKind.TOKEN) {
            throw new InvalidRequestException(field, code + " is not a game token");
        }
        return asset;
    }

    public AssetAmount tokenAmount(String field, String code, BigDecimal amount) {
        return amount(field, requireToken(field, code).code(), amount);
    }

    /** A code not in the registry, or none; {@code field} names where the request put it (null for a stored code). */
    public static class UnknownAssetException extends RuntimeException {

        private final String field;

        public UnknownAssetException(String field, String code) {
            super(code == null ? (field == null ? "a currency or token" : field) + " is required: a configured currency or token"
                    : "unknown currency or token: " + Echo.of(code));
            this.field = field;
        }

        public String field() {
            return field;
        }
    }
}
