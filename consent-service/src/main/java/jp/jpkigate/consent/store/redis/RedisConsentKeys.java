package jp.jpkigate.consent.store.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The consent service's Redis keys, in one place; each carries its own hash tag so the same code
 * runs on one Redis, Sentinel or Cluster.
 *
 * <pre>
 * jpkigate:consent:{&lt;invitation id&gt;}                    hash   inv (Invitation JSON), rec (ConsentRecord JSON, once
 *                                                         signed); PX to the invitation's expiry + retention while
 *                                                         unsigned, PERSIST once signed (Lua: use + record at once)
 * jpkigate:consent:customer:{&lt;sha256(client, customer)&gt;}  hash   inv (latest invitation id), rec (id of the consent signed
 *                                                         through any of them); PX like the invitation while no rec
 * jpkigate:consent:person:{&lt;sha256(person key)&gt;}         hash   client id → consent id (one consent per business)
 * jpkigate:consent:changes:{&lt;client id hash&gt;}            stream id, customer, status, at, reason; MAXLEN ~ 1,000,000
 * {jpkigate:consent:registry}:queue                     zset   consent id → next attempt (epoch ms) at J-LIS
 * {jpkigate:consent:registry}:attempts                  hash   consent id → failed attempts so far
 * {jpkigate:consent:registry}:cursors                   hash   business (client id) → J-LIS changes cursor
 * {jpkigate:consent:registry}:lease:&lt;task&gt;              string the periodic task's leader lease (revocation-cache's
 *                                                         RedisLeaderLease)
 * </pre>
 */
final class RedisConsentKeys {
    private RedisConsentKeys() {
    }

    static String consent(String invitationId) {
        return "jpkigate:consent:{" + invitationId + "}";
    }

    static String customer(String clientId, String customerNumber) {
        return "jpkigate:consent:customer:{" + sha256(clientId + "\u0000" + customerNumber) + "}";
    }

    static String person(String personKey) {
        return "jpkigate:consent:person:{" + sha256(personKey) + "}";
    }

    static String changes(String clientId) {
        return "jpkigate:consent:changes:{" + sha256(clientId) + "}";
    }

    /** The hash tag of the J-LIS link's keys (queue, attempts, cursors, leases): one slot, so scripts may use several. */
    static final String REGISTRY_TAG = "jpkigate:consent:registry";

    static String registryQueue() {
        return "{" + REGISTRY_TAG + "}:queue";
    }

    static String registryAttempts() {
        return "{" + REGISTRY_TAG + "}:attempts";
    }

    static String registryCursors() {
        return "{" + REGISTRY_TAG + "}:cursors";
    }

    static String sha256(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
