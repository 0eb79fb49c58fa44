package jp.jpkigate.idp.key;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One private signing key of a {@link KeySet} with the times of its life. Immutable; never prints
 * key material.
 *
 * @param privateKey  the private JWK (with {@code kid})
 * @param state       next, current or retiring
 * @param publishedAt when it entered the JWKS
 * @param activatedAt when it began to sign (current and retiring keys)
 * @param retiredAt   when it stopped signing (retiring keys)
 * @param removeAfter when it leaves the JWKS (retiring keys): the longest lifetime of what it signed
 *                    plus clock skew, from {@code retiredAt}
 */
public record ManagedKey(JWK privateKey, KeyState state, Instant publishedAt, Optional<Instant> activatedAt,
                         Optional<Instant> retiredAt, Optional<Instant> removeAfter) {
    public ManagedKey {
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(publishedAt, "publishedAt");
        Objects.requireNonNull(activatedAt, "activatedAt");
        Objects.requireNonNull(retiredAt, "retiredAt");
        Objects.requireNonNull(removeAfter, "removeAfter");
        if (!privateKey.isPrivate() || privateKey.getKeyID() == null) {
            throw new IllegalArgumentException("a managed key is a private JWK with a kid");
        }
        if (JwsAlgorithms.algorithmOf(privateKey).isEmpty()) {
            throw new IllegalArgumentException("key " + privateKey.getKeyID() + " is not an ES256, PS256 or EdDSA key");
        }
        if (state == KeyState.RETIRING && removeAfter.isEmpty()) {
            throw new IllegalArgumentException("a retiring key has a removal time");
        }
    }

    /** A freshly published key. */
    public static ManagedKey next(JWK privateKey, Instant now) {
        return new ManagedKey(privateKey, KeyState.NEXT, now, Optional.empty(), Optional.empty(), Optional.empty());
    }

    public String kid() {
        return privateKey.getKeyID();
    }

    public JWSAlgorithm algorithm() {
        return JwsAlgorithms.algorithmOf(privateKey).orElseThrow();
    }

    /** This key, now signing. */
    ManagedKey activated(Instant now) {
        return new ManagedKey(privateKey, KeyState.CURRENT, publishedAt, Optional.of(now), Optional.empty(), Optional.empty());
    }

    /** This key, no longer signing, published until {@code now + retention}. */
    ManagedKey retired(Instant now, java.time.Duration retention) {
        return new ManagedKey(privateKey, KeyState.RETIRING, publishedAt, activatedAt, Optional.of(now),
                Optional.of(now.plus(retention)));
    }

    /** Whether it is still published at {@code now}. */
    public boolean publishedAt(Instant now) {
        return removeAfter.map(now::isBefore).orElse(true);
    }

    /** The public facts as JSON members: kid, alg, state and the times that are set (ISO-8601). */
    public java.util.Map<String, Object> toPublicJsonObject() {
        java.util.Map<String, Object> json = new java.util.LinkedHashMap<>();
        json.put("kid", kid());
        json.put("alg", algorithm().getName());
        json.put("state", state.value());
        json.put("published_at", publishedAt.toString());
        activatedAt.ifPresent(t -> json.put("activated_at", t.toString()));
        retiredAt.ifPresent(t -> json.put("retired_at", t.toString()));
        removeAfter.ifPresent(t -> json.put("remove_after", t.toString()));
        return json;
    }

    @Override
    public String toString() {
        return "ManagedKey[" + kid() + "/" + algorithm() + ", " + state.value() + "]";
    }
}
