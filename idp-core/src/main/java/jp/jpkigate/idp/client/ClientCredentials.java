package jp.jpkigate.idp.client;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import jp.jpkigate.idp.mtls.ClientCertificate;
import jp.jpkigate.idp.oauth.FormParameters;
import jp.jpkigate.idp.oauth.OAuthError;
import jp.jpkigate.idp.oauth.OAuthException;

/**
 * The client credentials of one request, parsed but not yet verified (RFC 6749 §2.3). Three forms:
 * a JWT client assertion in the body (RFC 7523 §2.2, OIDC Core §9 {@code private_key_jwt}), HTTP
 * Basic (RFC 6749 §2.3.1 {@code client_secret_basic}), or only the {@code client_id} parameter with
 * the certificate of the mutual-TLS connection (RFC 8705 §2). {@code toString} never shows secrets.
 */
public sealed interface ClientCredentials {
    /** RFC 7523 §2.2. */
    String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    /** The client id the credentials claim, before verification (for Basic; the assertion's comes from {@code iss}). */
    Optional<String> claimedClientId();

    /** A client assertion and the optional {@code client_id} form parameter beside it. */
    record PrivateKeyJwt(String assertion, Optional<String> clientIdParameter) implements ClientCredentials {
        @Override
        public Optional<String> claimedClientId() {
            return clientIdParameter;
        }

        @Override
        public String toString() {
            return "PrivateKeyJwt[" + clientIdParameter.orElse("?") + "]";
        }
    }

    /** HTTP Basic: client id and secret, already form-url-decoded. */
    record ClientSecretBasic(String clientId, String secret) implements ClientCredentials {
        @Override
        public Optional<String> claimedClientId() {
            return Optional.of(clientId);
        }

        @Override
        public String toString() {
            return "ClientSecretBasic[" + clientId + "]";
        }
    }

    /**
     * Mutual TLS (RFC 8705 §2): the {@code client_id} parameter, and the certificate the client
     * presented, if any (its absence is found out once the client's registered method is known).
     */
    record MutualTls(String clientId, Optional<ClientCertificate> certificate) implements ClientCredentials {
        @Override
        public Optional<String> claimedClientId() {
            return Optional.of(clientId);
        }

        @Override
        public String toString() {
            return "MutualTls[" + clientId + "]";
        }
    }

    /** Without a client certificate on the request. */
    static ClientCredentials parse(FormParameters form, Optional<String> authorization) throws OAuthException {
        return parse(form, authorization, Optional.empty());
    }

    /**
     * Reads the credentials from the body parameters, the {@code Authorization} header and the
     * request's client certificate: an assertion or Basic when sent, else mutual TLS when the body
     * names the client ({@code client_id}).
     * Errors: two methods at once → {@code invalid_request} (RFC 6749 §2.3 "MUST NOT use more than
     * one authentication method in each request"); none, an unsupported method
     * ({@code client_secret_post}) or a malformed one → {@code invalid_client}.
     */
    static ClientCredentials parse(FormParameters form, Optional<String> authorization, Optional<ClientCertificate> certificate)
            throws OAuthException {
        Optional<ClientSecretBasic> basic = authorization.isPresent() ? basic(authorization.get()) : Optional.empty();
        boolean assertion = form.has("client_assertion") || form.has("client_assertion_type");
        if (basic.isPresent() && (assertion || form.has("client_secret"))) {
            throw OAuthError.INVALID_REQUEST.withDescription("more than one client authentication method").toException();
        }
        if (basic.isPresent()) {
            if (form.get("client_id").filter(id -> !id.equals(basic.get().clientId())).isPresent()) {
                throw OAuthError.INVALID_CLIENT.withDescription("client_id does not match the authenticated client").toException();
            }
            return basic.get();
        }
        if (form.has("client_secret")) {
            throw OAuthError.INVALID_CLIENT.withDescription("client_secret_post is not supported").toException();
        }
        if (!assertion) {
            return form.get("client_id").map(id -> (ClientCredentials) new MutualTls(id, certificate)).orElseThrow(
                    () -> OAuthError.INVALID_CLIENT.withDescription("client authentication required").toException());
        }
        if (!form.get("client_assertion_type").filter(JWT_BEARER::equals).isPresent()) {
            throw OAuthError.INVALID_CLIENT.withDescription("client_assertion_type must be " + JWT_BEARER).toException();
        }
        String jwt = form.get("client_assertion").orElseThrow(
                () -> OAuthError.INVALID_CLIENT.withDescription("client_assertion missing").toException());
        if (jwt.length() > 16_384) {
            throw OAuthError.INVALID_CLIENT.withDescription("client_assertion too large").toException();
        }
        return new PrivateKeyJwt(jwt, form.get("client_id"));
    }

    private static Optional<ClientSecretBasic> basic(String header) throws OAuthException {
        int space = header.indexOf(' ');
        if (space < 0 || !header.substring(0, space).toLowerCase(Locale.ROOT).equals("basic")) {
            return Optional.empty(); // another scheme (Bearer, DPoP) is not client authentication
        }
        OAuthException malformed = OAuthError.INVALID_CLIENT.withDescription("malformed HTTP Basic credentials").toException();
        try {
            String decoded = StandardCharsets.UTF_8.newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(Base64.getDecoder().decode(header.substring(space + 1).trim())))
                    .toString();
            int colon = decoded.indexOf(':');
            if (colon <= 0) {
                throw malformed;
            }
            // RFC 6749 §2.3.1: both parts are form-url-encoded before Base64.
            String id = URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8);
            String secret = URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8);
            if (id.isEmpty() || secret.isEmpty()) {
                throw malformed;
            }
            return Optional.of(new ClientSecretBasic(id, secret));
        } catch (IllegalArgumentException | java.nio.charset.CharacterCodingException e) {
            throw malformed;
        }
    }
}
