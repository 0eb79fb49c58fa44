package jp.jpkigate.consent.signing.redis;

import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import jp.jpkigate.consent.signing.DocumentPurpose;
import jp.jpkigate.consent.signing.SignedBy;
import jp.jpkigate.consent.signing.SigningState;
import jp.jpkigate.consent.signing.SigningTransaction;
import jp.jpkigate.idp.jpki.JpkiCertificateType;

/** The stored JSON of a {@link SigningTransaction} ({@code "v": 1}, times in epoch ms, bytes base64, serial hex). */
final class SigningTransactionJson {
    private static final Base64.Encoder B64 = Base64.getEncoder();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    private SigningTransactionJson() {
    }

    static String encode(SigningTransaction t) {
        JsonObject j = new JsonObject().put("v", 1).put("id", t.id()).put("purpose", t.purpose().name())
                .put("subject", t.subject()).put("client_id", t.clientId()).put("client_name", t.clientName())
                .put("statement", B64.encodeToString(t.statement())).put("binding", t.browserBinding())
                .put("created", t.createdAt().toEpochMilli()).put("expires", t.expiresAt().toEpochMilli())
                .put("state", t.state().name());
        t.failure().ifPresent(f -> j.put("failure", f));
        t.signer().ifPresent(s -> {
            JsonObject sj = new JsonObject().put("type", s.type().name()).put("serial", s.serial().toString(16))
                    .put("issuer", s.issuerAnchorId()).put("checked", s.revocationCheckedAt().toEpochMilli())
                    .put("signature", B64.encodeToString(s.signature()));
            s.certificate().ifPresent(der -> sj.put("certificate", B64.encodeToString(der)));
            j.put("signer", sj);
        });
        return j.encode();
    }

    static SigningTransaction decode(String text) {
        try {
            JsonObject j = new JsonObject(text);
            if (!Integer.valueOf(1).equals(j.getInteger("v"))) {
                throw new IllegalArgumentException("unknown stored version");
            }
            JsonObject s = j.getJsonObject("signer");
            Optional<SignedBy> signer = s == null ? Optional.empty() : Optional.of(new SignedBy(
                    JpkiCertificateType.valueOf(s.getString("type")), new BigInteger(s.getString("serial"), 16),
                    s.getString("issuer"), Instant.ofEpochMilli(s.getLong("checked")), B64D.decode(s.getString("signature")),
                    Optional.ofNullable(s.getString("certificate")).map(B64D::decode)));
            return new SigningTransaction(j.getString("id"), DocumentPurpose.valueOf(j.getString("purpose")),
                    j.getString("subject"), j.getString("client_id"), j.getString("client_name"),
                    B64D.decode(j.getString("statement")), j.getString("binding"), Instant.ofEpochMilli(j.getLong("created")),
                    Instant.ofEpochMilli(j.getLong("expires")), SigningState.valueOf(j.getString("state")), signer,
                    Optional.ofNullable(j.getString("failure")));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("damaged stored signing transaction", e);
        }
    }
}
