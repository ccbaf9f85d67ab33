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

    /** The asset with this code; an unknown code is the caller's error. */
    public Asset require(String code) {
        Asset asset = code == null ? null : assetsByCode.get(code);
        if (asset == null) {
            throw new UnknownAssetException(code);
        }
        return asset;
    }

    /** The codes of the configured assets of the kinds {@code wanted}, in configuration order. */
    public List<String> codes(Predicate<AssetKind> wanted) {
        return assetsByCode.values().stream().filter(asset -> wanted.test(asset.kind())).map(Asset::code).toList();
    }

    /** An amount of an asset, checked against the asset's scale, in minor units. */
    public AssetAmount amount(String code, BigDecimal amount) {
        Asset asset = require(code);
        return new AssetAmount(asset.code(), AmountFormat.toMinorUnits(amount, asset));
    }

    /** A game token; a currency where a token is due is the caller's error on {@code field}. */
    public Asset requireToken(String field, String code) {
        Asset asset = require(code);
        if (asset.kind() != AssetKind.TOKEN) {
            throw new InvalidRequestException(field, code + " is not a game token");
        }
        return asset;
    }

    public AssetAmount tokenAmount(String field, String code, BigDecimal amount) {
        return amount(requireToken(field, code).code(), amount);
    }

    public static class UnknownAssetException extends RuntimeException {
        public UnknownAssetException(String code) {
            super("unknown currency or token: " + Echo.of(code));
        }
    }
}
