package jp.jpkigate.idp.token;

import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.idp.oauth.FormParameters;
import jp.jpkigate.idp.oauth.OAuthError;
import jp.jpkigate.idp.oauth.OAuthException;

/**
 * The token of an introspection (RFC 7662 §2.1) or revocation (RFC 7009 §2.1) request: {@code token}
 * (required; missing → {@code invalid_request}) and the optional {@code token_type_hint}. The hint
 * is kept but never needed ({@link TokenLookup} tells the types apart by format), so any value is
 * accepted: RFC 7662 §2.1 lets the server ignore it, and RFC 7009 §2.2.1's
 * {@code unsupported_token_type} is never due, as both token types can be revoked. {@code toString}
 * never shows the token.
 */
public record PresentedToken(String token, Optional<String> typeHint) {
    public PresentedToken {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(typeHint, "typeHint");
    }

    public static PresentedToken parse(FormParameters form) throws OAuthException {
        String token = form.get("token").orElseThrow(
                () -> OAuthError.INVALID_REQUEST.withDescription("token missing").toException());
        return new PresentedToken(token, form.get("token_type_hint"));
    }

    @Override
    public String toString() {
        return "PresentedToken[" + typeHint.orElse("no hint") + "]";
    }
}
