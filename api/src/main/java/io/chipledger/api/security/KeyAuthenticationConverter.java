package io.chipledger.api.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Enumeration;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Reads the one key a request carries: {@code X-API-Key} (a partner's backend) or
 * {@code X-Admin-Key} (operators' staff). No key: null, and the request goes on anonymous (the
 * rules then refuse it unless the endpoint is public). Both headers, or one header twice: 400.
 */
final class KeyAuthenticationConverter implements AuthenticationConverter {

    static final String API_KEY_HEADER = "X-API-Key";
    static final String ADMIN_KEY_HEADER = "X-Admin-Key";

    private final ClientAddresses addresses;

    KeyAuthenticationConverter(ClientAddresses addresses) {
        this.addresses = addresses;
    }

    @Override
    public PresentedKey convert(HttpServletRequest request) {
        String partnerKey = single(request, API_KEY_HEADER);
        String adminKey = single(request, ADMIN_KEY_HEADER);
        if (partnerKey != null && adminKey != null) {
            throw KeyRefusedException.ambiguous("send one key, X-API-Key or X-Admin-Key, not both");
        }
        if (partnerKey != null) {
            return new PresentedKey(ApiKeys.Kind.PARTNER, partnerKey, addresses.of(request));
        }
        return adminKey == null ? null : new PresentedKey(ApiKeys.Kind.ADMIN, adminKey, addresses.of(request));
    }

    private static String single(HttpServletRequest request, String header) {
        Enumeration<String> values = request.getHeaders(header);
        if (values == null || !values.hasMoreElements()) {
            return null;
        }
        String value = values.nextElement();
        if (values.hasMoreElements()) {
            throw KeyRefusedException.ambiguous(header + " was sent more than once; send it once");
        }
        return value;
    }
}
