package jp.jpkigate.idp.subject;

import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import jp.jpkigate.idp.login.SignerIdentity;

/**
 * Pairwise subject identifiers (OpenID Connect Core §8.1):
 * {@code sub = base64url(HMAC-SHA256(secret, sector || 0x00 || person key))}. Different sectors see
 * unrelated values; the person key (from {@link PersonKeyResolver}) survives card renewal, so the
 * subject does too. Nothing here is derived from a My Number. The secret is the OP's (at least 32
 * bytes); changing it changes every subject.
 */
public final class PairwiseSubjects {
    private static final String HMAC = "HmacSHA256";

    private final SecretKeySpec secret;
    private final PersonKeyResolver persons;

    public PairwiseSubjects(byte[] secret, PersonKeyResolver persons) {
        if (Objects.requireNonNull(secret, "secret").length < 32) {
            throw new IllegalArgumentException("the pairwise-subject secret must be at least 32 bytes");
        }
        this.secret = new SecretKeySpec(secret.clone(), HMAC);
        this.persons = Objects.requireNonNull(persons, "persons");
    }

    /** The subject of the person who signed, as the client's sector sees it. */
    public Future<String> subject(String sector, SignerIdentity signer) {
        return persons.personKey(signer.issuerAnchorId(), signer.serial()).map(key -> subject(sector, key));
    }

    /** The subject for a sector and a person key. */
    public String subject(String sector, String personKey) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(secret);
            mac.update(sector.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(personKey.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "PairwiseSubjects[" + persons.getClass().getSimpleName() + "]";
    }
}
