package jp.jpkigate.idp.session;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.jpkigate.idp.json.JsonText;
import jp.jpkigate.idp.login.LoginTransactionCodec;

/**
 * Stored forms of a {@link SsoSession}: its facts as JSON ({@code "v": 1}, times in epoch
 * milliseconds, the signer as in a login transaction — never with the 4 information), and each
 * client as the text {@code "<sid> <grant id> <grant id> …"} (both are base64url, so a space
 * separates them and a store can append a grant atomically). Decoding a damaged value throws
 * {@link IllegalArgumentException}.
 */
public final class SsoSessionCodec {
    private SsoSessionCodec() {
    }

    /** The session's facts, without its clients. */
    public static String encodeFacts(SsoSession s) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("v", 1);
        json.put("person", s.personKey());
        json.put("signer", LoginTransactionCodec.signerToJson(s.signer()));
        json.put("last", s.lastActiveAt().toEpochMilli());
        json.put("expires", s.expiresAt().toEpochMilli());
        return JsonText.write(json);
    }

    /** A client as first stored: its sid, then its grant, if recorded. */
    public static String encodeClient(String sid, List<String> grantIds) {
        return grantIds.isEmpty() ? sid : sid + " " + String.join(" ", grantIds);
    }

    /** The session from its facts and its clients' stored texts by client id. */
    public static SsoSession decode(String facts, Map<String, String> clients) {
        try {
            Map<String, Object> json = JSONObjectUtils.parse(facts);
            if (JSONObjectUtils.getInt(json, "v") != 1) {
                throw new IllegalArgumentException("unknown stored session version");
            }
            Map<String, SessionClient> decoded = new LinkedHashMap<>();
            clients.forEach((clientId, text) -> decoded.put(clientId, decodeClient(clientId, text)));
            return new SsoSession(JSONObjectUtils.getString(json, "person"),
                    LoginTransactionCodec.signerFromJson(JSONObjectUtils.getJSONObject(json, "signer")),
                    Instant.ofEpochMilli(JSONObjectUtils.getLong(json, "last")),
                    Instant.ofEpochMilli(JSONObjectUtils.getLong(json, "expires")), decoded);
        } catch (java.text.ParseException | RuntimeException e) {
            throw new IllegalArgumentException("damaged stored session", e);
        }
    }

    static SessionClient decodeClient(String clientId, String text) {
        List<String> parts = Arrays.asList(text.split(" "));
        return new SessionClient(clientId, parts.get(0), parts.subList(1, parts.size()));
    }
}
