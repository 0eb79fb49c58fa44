package jp.jpkigate.feed.set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDHEncrypter;
import com.nimbusds.jose.crypto.RSAEncrypter;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.jpkigate.idp.approval.FourInformationItem;
import jp.jpkigate.idp.key.JwsAlgorithms;
import jp.jpkigate.idp.key.KeyLoadException;
import jp.jpkigate.idp.key.SigningKeys;
import jp.jpkigate.testing.MutableClock;

/** Keys, events and a forge for hand-made (tampered) nested SETs, shared by the feed's tests. */
public final class SetFixtures {
    public static final String ISSUER = "https://op.jpkigate.test";
    public static final String BANK = "bank";
    public static final Instant NOW = Instant.parse("2026-04-01T00:00:00Z");
    public static final JWK OP_KEY = SigningKeys.generateKey(JWSAlgorithm.ES256);
    public static final JWK OTHER_KEY = SigningKeys.generateKey(JWSAlgorithm.ES256);
    public static final JWK BANK_EC = encryptionKey("bank-ec", false);
    public static final JWK BANK_RSA = encryptionKey("bank-rsa", true);

    private SetFixtures() {
    }

    public static JWK encryptionKey(String kid, boolean rsa) {
        try {
            return rsa ? new RSAKeyGenerator(2048).keyUse(KeyUse.ENCRYPTION).keyID(kid).generate()
                    : new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.ENCRYPTION).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static SigningKeys opKeys() {
        try {
            return SigningKeys.of(List.of(OP_KEY));
        } catch (KeyLoadException e) {
            throw new IllegalStateException(e);
        }
    }

    public static SetIssuer issuer(MutableClock clock) {
        return new SetIssuer(ISSUER, opKeys(), clock, new SecureRandom());
    }

    public static FourInformationChanged moved() {
        return new FourInformationChanged("consent-1", "0012345", EnumSet.of(FourInformationItem.ADDRESS),
                Map.of(FourInformationItem.ADDRESS, "東京都千代田区千代田一丁目1番1号", FourInformationItem.NAME, "山田　花子"),
                EnumSet.noneOf(FourInformationItem.class), NOW.minusSeconds(30));
    }

    public static ConsentWithdrawn withdrawn() {
        return new ConsentWithdrawn("consent-1", "0012345", NOW.minusSeconds(5));
    }

    /** The claims the issuer would write, to change one thing and {@link #forge} a SET from. */
    public static JWTClaimsSet.Builder claims(SecurityEvent event) {
        return new JWTClaimsSet.Builder(SetClaims.build(ISSUER, BANK, NOW, "jti-" + System.nanoTime(), Optional.empty(), event));
    }

    /** Signs with {@code signingKey} (kid as given) and encrypts to {@code encryptionKey}. */
    public static String forge(JWTClaimsSet claims, JWK signingKey, String kid, JOSEObjectType typ, JWK encryptionKey) {
        try {
            SignedJWT jws = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(kid).type(typ).build(), claims);
            jws.sign(JwsAlgorithms.signer(signingKey, JWSAlgorithm.ES256));
            return encrypt(jws.serialize(), encryptionKey, encryptionKey.getKeyID());
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A SET as the OP would make it but from the given claims. */
    public static String forge(JWTClaimsSet claims, JWK encryptionKey) {
        return forge(claims, OP_KEY, OP_KEY.getKeyID(), EventTypes.SECEVENT_JWT, encryptionKey);
    }

    /** Encrypts any content as a nested JWT to {@code key}, naming {@code kid}. */
    public static String encrypt(String content, JWK key, String kid) {
        try {
            boolean ec = key.getKeyType().getValue().equals("EC");
            JWEObject jwe = new JWEObject(new JWEHeader.Builder(ec ? JWEAlgorithm.ECDH_ES_A256KW : JWEAlgorithm.RSA_OAEP_256,
                    com.nimbusds.jose.EncryptionMethod.A256GCM).contentType("JWT").keyID(kid).build(), new Payload(content));
            jwe.encrypt(ec ? new ECDHEncrypter(key.toECKey()) : new RSAEncrypter(key.toRSAKey()));
            return jwe.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
