package jp.jpkigate.idp.approval;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jp.jpkigate.idp.json.JsonText;

/**
 * JSON form of an {@link Approval} for the store: {@code {"v": 1, "client_id", "scope": [..],
 * "claims": [..], "approved", "expires"}} with times in epoch milliseconds. Decoding a damaged value
 * throws {@link IllegalArgumentException}.
 */
public final class ApprovalCodec {
    private ApprovalCodec() {
    }

    public static String encode(Approval a) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("v", 1);
        json.put("client_id", a.clientId());
        json.put("scope", new ArrayList<>(a.granted().scopes()));
        json.put("claims", new ArrayList<>(a.granted().claims()));
        json.put("approved", a.approvedAt().toEpochMilli());
        json.put("expires", a.expiresAt().toEpochMilli());
        return JsonText.write(json);
    }

    public static Approval decode(String text) {
        try {
            Map<String, Object> json = JSONObjectUtils.parse(text);
            if (JSONObjectUtils.getInt(json, "v") != 1) {
                throw new IllegalArgumentException("unknown stored approval version");
            }
            List<String> scopes = JSONObjectUtils.getStringList(json, "scope");
            List<String> claims = JSONObjectUtils.getStringList(json, "claims");
            return new Approval(JSONObjectUtils.getString(json, "client_id"),
                    new RequestedSharing(Set.copyOf(scopes), Set.copyOf(claims)),
                    Instant.ofEpochMilli(JSONObjectUtils.getLong(json, "approved")),
                    Instant.ofEpochMilli(JSONObjectUtils.getLong(json, "expires")));
        } catch (java.text.ParseException | RuntimeException e) {
            throw new IllegalArgumentException("damaged stored approval", e);
        }
    }
}
