package jp.jpkigate.idp.par;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import jp.jpkigate.idp.dpop.JwkThumbprint;
import jp.jpkigate.idp.json.JsonText;

/**
 * The stored JSON form of an {@link AuthorizationRequest} (versioned: {@code "v": 1}). Stores keep
 * only requests this OP validated, so decoding trusts the structure but still fails cleanly.
 */
public final class AuthorizationRequestCodec {
    private AuthorizationRequestCodec() {
    }

    public static String encode(AuthorizationRequest r) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("v", 1);
        json.put("client_id", r.clientId());
        json.put("redirect_uri", r.redirectUri().toString());
        json.put("scope", r.scopes());
        json.put("code_challenge", r.codeChallenge().value());
        r.state().ifPresent(s -> json.put("state", s));
        r.nonce().ifPresent(s -> json.put("nonce", s));
        json.put("prompt", r.prompt().stream().map(Prompt::value).sorted().toList());
        r.maxAge().ifPresent(a -> json.put("max_age", a));
        json.put("acr_values", r.acrValues());
        r.claims().ifPresent(c -> json.put("claims", c));
        r.dpopJkt().ifPresent(j -> json.put("dpop_jkt", j.value()));
        return JsonText.write(json);
    }

    public static AuthorizationRequest decode(String text) {
        try {
            Map<String, Object> json = JSONObjectUtils.parse(text);
            if (JSONObjectUtils.getInt(json, "v") != 1) {
                throw new IllegalArgumentException("unknown stored request version");
            }
            Set<Prompt> prompt = EnumSet.noneOf(Prompt.class);
            for (String p : JSONObjectUtils.getStringList(json, "prompt")) {
                prompt.add(Prompt.parse(p).orElseThrow());
            }
            Object maxAge = json.get("max_age");
            return new AuthorizationRequest(
                    JSONObjectUtils.getString(json, "client_id"),
                    new URI(JSONObjectUtils.getString(json, "redirect_uri")),
                    new ArrayList<>(JSONObjectUtils.getStringList(json, "scope")),
                    new CodeChallenge(JSONObjectUtils.getString(json, "code_challenge")),
                    Optional.ofNullable(JSONObjectUtils.getString(json, "state")),
                    Optional.ofNullable(JSONObjectUtils.getString(json, "nonce")),
                    prompt,
                    maxAge == null ? OptionalLong.empty() : OptionalLong.of(((Number) maxAge).longValue()),
                    List.copyOf(JSONObjectUtils.getStringList(json, "acr_values")),
                    Optional.ofNullable(JSONObjectUtils.getString(json, "claims")),
                    Optional.ofNullable(JSONObjectUtils.getString(json, "dpop_jkt")).map(JwkThumbprint::new));
        } catch (java.text.ParseException | java.net.URISyntaxException | RuntimeException e) {
            throw new IllegalArgumentException("not a stored authorization request", e);
        }
    }
}
