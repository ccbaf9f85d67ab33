package io.chipledger.api.asset;

import io.chipledger.api.LedgerProperties;
import io.chipledger.core.asset.Asset;
import java.util.LinkedHashMap;
import java.util.Map;
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

    public static class UnknownAssetException extends RuntimeException {
        public UnknownAssetException(String code) {
            super("unknown currency or token: " + code);
        }
    }
}
