package jp.jpkigate.idp.login;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.math.BigInteger;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import jp.jpkigate.idp.jpki.FourInformation;
import jp.jpkigate.idp.jpki.JpkiCertificateType;
import jp.jpkigate.idp.json.JsonText;
import jp.jpkigate.idp.par.AuthorizationRequestCodec;

/**
 * JSON form of a {@link LoginTransaction} (and of a {@link SignerIdentity}) for the stores. Version
 * {@code "v": 1}; times as epoch milliseconds; the serial as lower-case hex. Decoding a damaged
 * value throws {@link IllegalArgumentException}.
 */
public final class LoginTransactionCodec {
    private LoginTransactionCodec() {
    }

    public static String encode(LoginTransaction t) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("v", 1);
        json.put("id", t.id());
        json.put("challenge", t.challenge());
        json.put("browser", t.browserBinding());
        json.put("request", AuthorizationRequestCodec.encode(t.request()));
        json.put("client_name", t.clientName());
        json.put("certificate", t.requirement().wireName());
        json.put("created", t.createdAt().toEpochMilli());
        json.put("expires", t.expiresAt().toEpochMilli());
        json.put("state", t.state().name());
        t.signer().ifPresent(s -> json.put("signer", signerToJson(s)));
        t.failure().ifPresent(f -> json.put("failure", f));
        t.session().ifPresent(handle -> json.put("session", handle));
        return JsonText.write(json);
    }

    public static LoginTransaction decode(String text) {
        try {
            Map<String, Object> json = JSONObjectUtils.parse(text);
            if (JSONObjectUtils.getInt(json, "v") != 1) {
                throw new IllegalArgumentException("unknown stored login transaction version");
            }
            Map<String, Object> signer = JSONObjectUtils.getJSONObject(json, "signer");
            return new LoginTransaction(
                    JSONObjectUtils.getString(json, "id"),
                    JSONObjectUtils.getString(json, "challenge"),
                    JSONObjectUtils.getString(json, "browser"),
                    AuthorizationRequestCodec.decode(JSONObjectUtils.getString(json, "request")),
                    JSONObjectUtils.getString(json, "client_name"),
                    CertificateRequirement.fromWireName(JSONObjectUtils.getString(json, "certificate")),
                    Instant.ofEpochMilli(JSONObjectUtils.getLong(json, "created")),
                    Instant.ofEpochMilli(JSONObjectUtils.getLong(json, "expires")),
                    LoginState.valueOf(JSONObjectUtils.getString(json, "state")),
                    signer == null ? Optional.empty() : Optional.of(signerFromJson(signer)),
                    Optional.ofNullable(JSONObjectUtils.getString(json, "failure")),
                    Optional.ofNullable(JSONObjectUtils.getString(json, "session")));
        } catch (java.text.ParseException | RuntimeException e) {
            throw new IllegalArgumentException("damaged stored login transaction", e);
        }
    }

    public static Map<String, Object> signerToJson(SignerIdentity s) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", s.type().name());
        json.put("serial", s.serial().toString(16));
        json.put("issuer", s.issuerAnchorId());
        json.put("auth_time", s.authTime().toEpochMilli());
        s.fourInformation().ifPresent(f -> {
            Map<String, Object> four = new LinkedHashMap<>();
            four.put("name", f.name());
            four.put("name_map", f.nameMap());
            four.put("gender", f.genderCode());
            four.put("birth", f.birthDateCode());
            four.put("address", f.address());
            four.put("address_map", f.addressMap());
            json.put("four", four);
        });
        return json;
    }

    public static SignerIdentity signerFromJson(Map<String, Object> json) throws java.text.ParseException {
        Map<String, Object> four = JSONObjectUtils.getJSONObject(json, "four");
        Optional<FourInformation> info = four == null ? Optional.empty() : Optional.of(new FourInformation(
                JSONObjectUtils.getString(four, "name"), JSONObjectUtils.getString(four, "name_map"),
                JSONObjectUtils.getString(four, "gender"), JSONObjectUtils.getString(four, "birth"),
                JSONObjectUtils.getString(four, "address"), JSONObjectUtils.getString(four, "address_map")));
        return new SignerIdentity(JpkiCertificateType.valueOf(JSONObjectUtils.getString(json, "type")),
                new BigInteger(JSONObjectUtils.getString(json, "serial"), 16),
                JSONObjectUtils.getString(json, "issuer"),
                Instant.ofEpochMilli(JSONObjectUtils.getLong(json, "auth_time")), info);
    }
}
