package jp.jpkigate.idp.token;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import jp.jpkigate.idp.dpop.JwkThumbprint;
import jp.jpkigate.idp.json.JsonText;

/**
 * JSON form of a {@link TokenGrant} for the stores ({@code "v": 1}, times in epoch milliseconds). The
 * grant id is not in it: the store keeps the JSON under that id (the refresh-token family).
 */
public final class TokenGrantCodec {
    private TokenGrantCodec() {
    }

    public static String encode(TokenGrant g) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("v", 1);
        json.put("client_id", g.clientId());
        json.put("sub", g.subject());
        json.put("scope", g.scopes());
        json.put("auth_time", g.authTime().toEpochMilli());
        json.put("acr", g.acr());
        json.put("amr", g.amr());
        g.dpopJkt().ifPresent(j -> json.put("dpop_jkt", j.value()));
        return JsonText.write(json);
    }

    public static TokenGrant decode(String text, String grantId) {
        try {
            Map<String, Object> json = JSONObjectUtils.parse(text);
            if (JSONObjectUtils.getInt(json, "v") != 1) {
                throw new IllegalArgumentException("unknown stored grant version");
            }
            return new TokenGrant(grantId, JSONObjectUtils.getString(json, "client_id"), JSONObjectUtils.getString(json, "sub"),
                    new ArrayList<>(JSONObjectUtils.getStringList(json, "scope")),
                    Instant.ofEpochMilli(JSONObjectUtils.getLong(json, "auth_time")), JSONObjectUtils.getString(json, "acr"),
                    new ArrayList<>(JSONObjectUtils.getStringList(json, "amr")),
                    Optional.ofNullable(JSONObjectUtils.getString(json, "dpop_jkt")).map(JwkThumbprint::new));
        } catch (java.text.ParseException | RuntimeException e) {
            throw new IllegalArgumentException("damaged stored grant", e);
        }
    }
}
