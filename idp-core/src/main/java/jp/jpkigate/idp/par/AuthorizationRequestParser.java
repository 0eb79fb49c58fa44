package jp.jpkigate.idp.par;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import jp.jpkigate.idp.client.ApiScopes;
import jp.jpkigate.idp.client.RegisteredClient;
import jp.jpkigate.idp.client.ScopeSyntax;
import jp.jpkigate.idp.dpop.JwkThumbprint;
import jp.jpkigate.idp.oauth.FormParameters;
import jp.jpkigate.idp.oauth.OAuthError;
import jp.jpkigate.idp.oauth.OAuthException;

/**
 * Validates the parameters of an authorization request for an already authenticated client
 * (RFC 6749 §4.1.1, RFC 7636 §4.3, OIDC Core §3.1.2.1, RFC 9126 §2.1). Plain Java; the first
 * problem found is thrown as an {@link OAuthException}. Unrecognised parameters are ignored
 * (RFC 6749 §3.1). A request object is verified before ({@code RequestObjectHandler}) and its
 * parameters come here in place of the plain ones; a {@code request} still present was not.
 */
public final class AuthorizationRequestParser {
    static final int MAX_STATE = 512;
    static final int MAX_NONCE = 512;
    static final int MAX_CLAIMS = 8192;
    static final int MAX_ACR_VALUES = 10;

    private AuthorizationRequestParser() {
    }

    /** Parses a pushed request (RFC 9126 §2.1): {@code request_uri} is not allowed inside it. */
    public static AuthorizationRequest parsePushed(FormParameters params, RegisteredClient client) throws OAuthException {
        if (params.has("request_uri")) {
            throw invalidRequest("request_uri is not allowed in a pushed authorization request");
        }
        return parse(params, client);
    }

    /** Parses a request sent directly to the authorization endpoint, or the pushed one. */
    public static AuthorizationRequest parse(FormParameters params, RegisteredClient client) throws OAuthException {
        if (params.has("request")) {
            throw OAuthError.INVALID_REQUEST_OBJECT.withDescription("the request object was not verified").toException();
        }
        String clientId = required(params, "client_id");
        if (!clientId.equals(client.clientId())) {
            throw invalidRequest("client_id does not match the authenticated client");
        }
        String redirect = required(params, "redirect_uri");
        if (!client.isRegisteredRedirectUri(redirect)) {
            throw invalidRequest("redirect_uri is not registered for this client");
        }
        URI redirectUri;
        try {
            redirectUri = new URI(redirect);
        } catch (URISyntaxException e) {
            throw invalidRequest("redirect_uri is not a URI");
        }
        String responseType = required(params, "response_type");
        if (!"code".equals(responseType)) {
            throw OAuthError.UNSUPPORTED_RESPONSE_TYPE.withDescription("only response_type=code is supported").toException();
        }
        Optional<String> responseMode = params.get("response_mode");
        if (responseMode.isPresent() && !"query".equals(responseMode.get())) {
            throw invalidRequest("only response_mode=query is supported");
        }
        List<String> scopes = scopes(params.get("scope"), client);
        CodeChallenge challenge = codeChallenge(params);
        Optional<String> state = bounded(params, "state", MAX_STATE);
        Optional<String> nonce = bounded(params, "nonce", MAX_NONCE);
        Set<Prompt> prompt = prompt(params.get("prompt"));
        OptionalLong maxAge = maxAge(params.get("max_age"));
        List<String> acrValues = acrValues(params.get("acr_values"));
        Optional<String> claims = claims(params.get("claims"));
        Optional<JwkThumbprint> dpopJkt = dpopJkt(params.get("dpop_jkt"));
        return new AuthorizationRequest(clientId, redirectUri, scopes, challenge, state, nonce, prompt, maxAge,
                acrValues, claims, dpopJkt);
    }

    private static List<String> scopes(Optional<String> scope, RegisteredClient client) throws OAuthException {
        if (scope.isEmpty()) {
            throw OAuthError.INVALID_SCOPE.withDescription("scope is required and must contain openid").toException();
        }
        Set<String> scopes = new LinkedHashSet<>();
        for (String token : scope.get().split(" ", -1)) {
            if (!ScopeSyntax.isScopeToken(token)) {
                throw OAuthError.INVALID_SCOPE.withDescription("scope is not space-separated scope tokens").toException();
            }
            if (ApiScopes.isApiScope(token)) {
                // Back-end API scopes come only from the client_credentials grant, never from a person.
                throw OAuthError.INVALID_SCOPE.withDescription("scope " + token + " is for the client_credentials grant only")
                        .toException();
            }
            if (!client.scopes().contains(token)) {
                throw OAuthError.INVALID_SCOPE.withDescription("scope not allowed for this client: " + token).toException();
            }
            scopes.add(token);
        }
        if (!scopes.contains("openid")) {
            throw OAuthError.INVALID_SCOPE.withDescription("scope must contain openid").toException();
        }
        return new ArrayList<>(scopes);
    }

    private static CodeChallenge codeChallenge(FormParameters params) throws OAuthException {
        String challenge = params.get("code_challenge").orElseThrow(
                () -> invalidRequest("code_challenge is required (PKCE, RFC 7636)"));
        String method = params.get("code_challenge_method").orElseThrow(
                () -> invalidRequest("code_challenge_method=S256 is required"));
        if (!CodeChallenge.S256.equals(method)) {
            throw invalidRequest("code_challenge_method must be S256");
        }
        if (!CodeChallenge.isWellFormed(challenge)) {
            throw invalidRequest("code_challenge must be 43-128 base64url characters");
        }
        return new CodeChallenge(challenge);
    }

    private static Optional<String> bounded(FormParameters params, String name, int max) throws OAuthException {
        Optional<String> value = params.get(name);
        if (value.isPresent()) {
            String v = value.get();
            // RFC 6749 Appendix A.5: state is VSCHAR (%x20-7E); nonce treated alike.
            if (v.length() > max || !v.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)) {
                throw invalidRequest(name + " must be at most " + max + " printable ASCII characters");
            }
        }
        return value;
    }

    private static Set<Prompt> prompt(Optional<String> value) throws OAuthException {
        if (value.isEmpty()) {
            return Set.of();
        }
        Set<Prompt> prompts = EnumSet.noneOf(Prompt.class);
        for (String token : value.get().split(" ", -1)) {
            Prompt p = Prompt.parse(token).orElseThrow(
                    () -> invalidRequest("prompt values are none, login, consent, select_account"));
            prompts.add(p);
        }
        if (prompts.contains(Prompt.NONE) && prompts.size() > 1) {
            throw invalidRequest("prompt=none cannot be combined with other values");
        }
        return prompts;
    }

    private static OptionalLong maxAge(Optional<String> value) throws OAuthException {
        if (value.isEmpty()) {
            return OptionalLong.empty();
        }
        String v = value.get();
        if (v.length() > 10 || !v.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw invalidRequest("max_age must be a non-negative integer of seconds");
        }
        return OptionalLong.of(Long.parseLong(v));
    }

    private static List<String> acrValues(Optional<String> value) throws OAuthException {
        if (value.isEmpty()) {
            return List.of();
        }
        Set<String> values = new LinkedHashSet<>();
        for (String token : value.get().split(" ", -1)) {
            if (!ScopeSyntax.isScopeToken(token)) {
                throw invalidRequest("acr_values must be space-separated values");
            }
            values.add(token);
        }
        if (values.size() > MAX_ACR_VALUES) {
            throw invalidRequest("too many acr_values");
        }
        return new ArrayList<>(values);
    }

    private static Optional<String> claims(Optional<String> value) throws OAuthException {
        if (value.isEmpty()) {
            return value;
        }
        if (value.get().length() > MAX_CLAIMS) {
            throw invalidRequest("claims is larger than " + MAX_CLAIMS + " characters");
        }
        Map<String, Object> parsed;
        try {
            parsed = JSONObjectUtils.parse(value.get());
        } catch (java.text.ParseException | RuntimeException | StackOverflowError e) {
            throw invalidRequest("claims must be a JSON object");
        }
        if (parsed == null) {
            throw invalidRequest("claims must be a JSON object");
        }
        // OIDC Core §5.5: the members userinfo and id_token, when present, are objects.
        for (String member : List.of("userinfo", "id_token")) {
            Object m = parsed.get(member);
            if (m != null && !(m instanceof Map)) {
                throw invalidRequest("claims." + member + " must be a JSON object");
            }
        }
        return value;
    }

    /** RFC 9449 §10: {@code dpop_jkt}, a SHA-256 JWK thumbprint. */
    private static Optional<JwkThumbprint> dpopJkt(Optional<String> value) throws OAuthException {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(JwkThumbprint.parse(value.get()).orElseThrow(
                () -> invalidRequest("dpop_jkt must be a SHA-256 JWK thumbprint (43 base64url characters)")));
    }

    private static String required(FormParameters params, String name) throws OAuthException {
        return params.get(name).orElseThrow(() -> invalidRequest(name + " is required"));
    }

    private static OAuthException invalidRequest(String description) {
        return OAuthError.INVALID_REQUEST.withDescription(description).toException();
    }
}
