package jp.jpkigate.idp.token;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import java.util.Optional;
import jp.jpkigate.idp.token.AccessTokenVerifier.VerifiedAccessToken;

/**
 * The access tokens {@link AccessTokenVerifier} accepted lately, so that a resource server introspecting
 * the same token again, or a client calling a protected resource with it, costs a map lookup instead of
 * parsing the JWT and verifying its signature (an ES256 verification is about 270 µs on our 2-core
 * machine, most of an introspection's CPU). Keyed by the whole token, so a hit needs exactly the bytes
 * that verified; only accepted tokens are kept, at most {@code maxEntries} (least recently used out).
 * What may change after a token verified is not cached: the verifier checks a hit's {@code exp} against
 * its clock and that the key that signed it is still published, and asks the store about the grant's
 * revocation every time. Thread-safe.
 */
final class VerifiedTokenCache {
    /** A verified token: what it says, all its claims and the published key that verified it. */
    record Entry(VerifiedAccessToken token, JWTClaimsSet claims, String kid, JWK key) {
    }

    private final Cache<String, Entry> entries;

    VerifiedTokenCache(int maxEntries) {
        // Maintenance runs on the caller (an event loop): the cache never starts threads of its own.
        this.entries = Caffeine.newBuilder().maximumSize(maxEntries).executor(Runnable::run).build();
    }

    Optional<Entry> get(String token) {
        return Optional.ofNullable(entries.getIfPresent(token));
    }

    void put(String token, Entry entry) {
        entries.put(token, entry);
    }
}
