package jp.jpkigate.idp.authorize;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import jp.jpkigate.idp.dpop.JwkThumbprint;
import jp.jpkigate.idp.json.JsonText;
import jp.jpkigate.idp.login.LoginTransactionCodec;
import jp.jpkigate.idp.par.CodeChallenge;

/** JSON form of a {@link CodeGrant} for the store ({@code "v": 1}, times in epoch milliseconds). */
public final class CodeGrantCodec {
    private CodeGrantCodec() {
    }

    public static String encode(CodeGrant g) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("v", 1);
        json.put("client_id", g.clientId());
        json.put("redirect_uri", g.redirectUri().toString());
        json.put("scope", g.scopes());
        g.nonce().ifPresent(n -> json.put("nonce", n));
        json.put("code_challenge", g.codeChallenge().value());
        json.put("auth_time", g.authTime().toEpochMilli());
        json.put("acr", g.acr());
        json.put("amr", g.amr());
        json.put("signer", LoginTransactionCodec.signerToJson(g.signer()));
        g.claims().ifPresent(c -> json.put("claims", c));
        json.put("iat", g.issuedAt().toEpochMilli());
        g.dpopJkt().ifPresent(j -> json.put("dpop_jkt", j.value()));
        g.sid().ifPresent(sid -> json.put("sid", sid));
        return JsonText.write(json);
    }

    public static CodeGrant decode(String text) {
        try {
            Map<String, Object> json = JSONObjectUtils.parse(text);
            if (JSONObjectUtils.getInt(json, "v") != 1) {
                throw new IllegalArgumentException("unknown stored code version");
            }
            return new CodeGrant(JSONObjectUtils.getString(json, "client_id"),
                    new URI(JSONObjectUtils.getString(json, "redirect_uri")),
                    new ArrayList<>(JSONObjectUtils.getStringList(json, "scope")),
                    Optional.ofNullable(JSONObjectUtils.getString(json, "nonce")),
                    new CodeChallenge(JSONObjectUtils.getString(json, "code_challenge")),
                    Instant.ofEpochMilli(JSONObjectUtils.getLong(json, "auth_time")),
                    JSONObjectUtils.getString(json, "acr"),
                    new ArrayList<>(JSONObjectUtils.getStringList(json, "amr")),
                    LoginTransactionCodec.signerFromJson(JSONObjectUtils.getJSONObject(json, "signer")),
                    Optional.ofNullable(JSONObjectUtils.getString(json, "claims")),
                    Instant.ofEpochMilli(JSONObjectUtils.getLong(json, "iat")),
                    Optional.ofNullable(JSONObjectUtils.getString(json, "dpop_jkt")).map(JwkThumbprint::new),
                    Optional.ofNullable(JSONObjectUtils.getString(json, "sid")));
        } catch (java.text.ParseException | java.net.URISyntaxException | RuntimeException e) {
            throw new IllegalArgumentException("damaged stored code", e);
        }
    }
}
