package jp.jpkigate.idp.account;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON form of an {@link AccountSession} ({@code "v": 1}, times in epoch milliseconds). */
public final class AccountSessionCodec {
    private AccountSessionCodec() {
    }

    public static String encode(AccountSession s) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("v", 1);
        json.put("person", s.personKey());
        json.put("created", s.createdAt().toEpochMilli());
        json.put("expires", s.expiresAt().toEpochMilli());
        return JSONObjectUtils.toJSONString(json);
    }

    public static AccountSession decode(String text) {
        try {
            Map<String, Object> json = JSONObjectUtils.parse(text);
            if (JSONObjectUtils.getInt(json, "v") != 1) {
                throw new IllegalArgumentException("unknown stored account session version");
            }
            return new AccountSession(JSONObjectUtils.getString(json, "person"),
                    Instant.ofEpochMilli(JSONObjectUtils.getLong(json, "created")),
                    Instant.ofEpochMilli(JSONObjectUtils.getLong(json, "expires")));
        } catch (java.text.ParseException | RuntimeException e) {
            throw new IllegalArgumentException("damaged stored account session", e);
        }
    }
}
