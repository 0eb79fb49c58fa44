package jp.jpkigate.idp.token;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;
import jp.jpkigate.idp.authorize.CodeGrant;
import jp.jpkigate.idp.client.RegisteredClient;
import jp.jpkigate.idp.dpop.DpopBinding;
import jp.jpkigate.idp.oauth.FormParameters;
import jp.jpkigate.idp.oauth.OAuthError;
import jp.jpkigate.idp.oauth.OAuthException;
import jp.jpkigate.idp.store.AuthorizationCodeStore;
import jp.jpkigate.idp.store.AuthorizationCodeStore.Redemption;
import jp.jpkigate.idp.subject.PairwiseSubjects;

/**
 * {@code grant_type=authorization_code} (RFC 6749 §4.1.3, RFC 7636 §4.5-4.6). Parameters first
 * ({@code code}, {@code redirect_uri}, {@code code_verifier} missing or malformed →
 * {@code invalid_request}); then the code is redeemed — single use, so every redemption attempt,
 * successful or not, burns it (a PKCE guess gets one try) — and checked: unknown or older than the
 * code lifetime, another client's, another redirect URI (exact string) or a verifier that does not
 * match the S256 challenge → {@code invalid_grant}; a code bound to a DPoP key (RFC 9449 §10)
 * without a proof → {@code invalid_dpop_proof}, with another key's → {@code invalid_grant}. A code
 * used before → {@code invalid_grant}, and everything its first use issued is revoked (RFC 6749
 * §4.1.2: the authorization server "SHOULD revoke (when possible) all tokens previously issued based
 * on that authorization code"): the grant id derives from the code ({@link GrantIds}), so the
 * refresh-token family and the access tokens are found without more state. Then the pairwise
 * subject, the refresh-token family named by the grant id (bound to the DPoP key for public clients
 * only, RFC 9449 §5.2), and the tokens (the access token bound to the proof's key, or to the client
 * certificate of a client registered for certificate-bound tokens, RFC 8705 §3).
 */
public final class AuthorizationCodeGrantHandler implements GrantHandler {
    public static final String GRANT_TYPE = "authorization_code";
    /** RFC 7636 §4.1: 43-128 unreserved characters. */
    private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");

    private final AuthorizationCodeStore codes;
    private final RefreshTokens tokenFormat;
    private final PairwiseSubjects subjects;
    private final TokenIssuer issuer;
    private final GrantRevoker revoker;
    private final TokenOptions options;
    private final Clock clock;

    public AuthorizationCodeGrantHandler(AuthorizationCodeStore codes, RefreshTokens tokenFormat,
                                         PairwiseSubjects subjects, TokenIssuer issuer, GrantRevoker revoker,
                                         TokenOptions options, Clock clock) {
        this.codes = Objects.requireNonNull(codes, "codes");
        this.tokenFormat = Objects.requireNonNull(tokenFormat, "tokenFormat");
        this.subjects = Objects.requireNonNull(subjects, "subjects");
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.revoker = Objects.requireNonNull(revoker, "revoker");
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public boolean canHandle(String grantType) {
        return GRANT_TYPE.equals(grantType);
    }

    @Override
    public Future<TokenResponse> handle(RegisteredClient client, FormParameters form, SenderConstraint sender) {
        String code;
        String redirectUri;
        String verifier;
        try {
            code = required(form, "code");
            redirectUri = required(form, "redirect_uri");
            verifier = required(form, "code_verifier");
            if (!VERIFIER.matcher(verifier).matches()) {
                throw OAuthError.INVALID_REQUEST.withDescription("code_verifier must be 43-128 unreserved characters").toException();
            }
        } catch (OAuthException e) {
            return Future.failedFuture(e);
        }
        String grantId = GrantIds.ofCode(code);
        return codes.redeem(code).compose(redemption -> {
            if (redemption instanceof Redemption.Replayed) {
                return revoker.revoke(grantId)
                        .compose(v -> invalidGrant("the code was already used; the tokens issued for it are revoked"));
            }
            if (!(redemption instanceof Redemption.Redeemed redeemed)) {
                return invalidGrant("the code is unknown or expired");
            }
            CodeGrant grant = redeemed.grant();
            if (clock.instant().isAfter(grant.issuedAt().plus(options.codeLifetime()))) {
                return invalidGrant("the code has expired");
            }
            if (!grant.clientId().equals(client.clientId())) {
                return invalidGrant("the code was issued to another client");
            }
            if (!grant.redirectUri().toString().equals(redirectUri)) {
                return invalidGrant("redirect_uri does not match the authorization request");
            }
            if (!grant.codeChallenge().matches(verifier)) {
                return invalidGrant("code_verifier does not match the code_challenge");
            }
            try {
                DpopBinding.checkBound("code", grant.dpopJkt(), sender.dpopKey());
            } catch (OAuthException e) {
                return Future.failedFuture(e);
            }
            return redeem(client, grant, grantId, sender);
        });
    }

    private Future<TokenResponse> redeem(RegisteredClient client, CodeGrant code, String grantId,
                                         SenderConstraint sender) {
        return subjects.subject(client.sector(), code.signer()).compose(sub -> {
            TokenGrant grant = new TokenGrant(grantId, client.clientId(), sub, code.scopes(), code.authTime(), code.acr(),
                    code.amr())
                    .withDpopJkt(DpopBinding.refreshTokenBinding(client.authMethod().confidential(), sender.dpopKey()));
            IdentityClaims.Release release = IdentityClaims.release(code.signer(), code.scopes(), ClaimsRequest.parse(code.claims()))
                    .withSid(code.sid());
            String refreshToken = tokenFormat.newToken(grantId);
            return revoker.issueUnlessRevoked(grantId, refreshToken, grant, options.refreshTokenLifetime())
                    .compose(v -> issuer.issue(grant, code.nonce(), release, refreshToken, sender));
        });
    }

    static String required(FormParameters form, String name) throws OAuthException {
        return form.get(name).orElseThrow(() -> OAuthError.INVALID_REQUEST.withDescription(name + " missing").toException());
    }

    static <T> Future<T> invalidGrant(String description) {
        return Future.failedFuture(OAuthError.INVALID_GRANT.withDescription(description).toException());
    }

    /** For tests and wiring: the code lifetime in effect. */
    public Duration codeLifetime() {
        return options.codeLifetime();
    }
}
