package jp.jpkigate.idp.store.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The OP's Redis keys, in one place. Each item carries its own hash tag (the part in braces), so
 * single-item commands spread over a Redis Cluster's slots while every future key of the same item
 * (for example a code and the tokens derived from it) can share a slot for multi-key commands.
 *
 * <pre>
 * jpkigate:op:par:{&lt;request_uri random part&gt;}        string  stored AuthorizationRequest JSON, PX TTL, GETDEL on use
 * jpkigate:op:replay:&lt;namespace&gt;:{&lt;sha256(value)&gt;}  string  "1", SET NX PX TTL
 * jpkigate:op:login:{&lt;transaction id&gt;}              hash    state, doc (LoginTransaction JSON); PX TTL; CAS by Lua
 * jpkigate:op:code:{&lt;sha256(code)&gt;}                  string  CodeGrant JSON, SET NX PX 60 s; on use "used" (KEEPTTL) by Lua
 * jpkigate:op:rt:{&lt;family id&gt;}                       hash    client, grant (TokenGrant JSON), current (sha256 of the
 *                                                      current token), u:&lt;sha256&gt; per rotated-away token; PX family
 *                                                      lifetime; rotation by Lua
 * jpkigate:op:userinfo:{&lt;sha256(jti)&gt;}               string  released claims JSON, SET NX PX access-token lifetime
 * jpkigate:op:revoked:{&lt;grant id&gt;}                   string  "1", PX access-token lifetime (+ 1 min): the grant's
 *                                                      access tokens are revoked
 * jpkigate:op:person:{&lt;sha256(issuer/serial)&gt;}       string  the certificate's person key, set once by Lua, no TTL
 * jpkigate:op:approvals:{&lt;sha256(person key)&gt;}      hash    client id → Approval JSON; PX at least the approval
 *                                                      lifetime, lengthened by Lua on every save; HDEL on revocation
 * jpkigate:op:account:{&lt;sha256(session id)&gt;}        string  AccountSession JSON, SET NX PX session lifetime
 * jpkigate:op:rtrevoked:{&lt;sha256(client, subject)&gt;}  string  epoch ms of the last withdrawal, PX longest refresh
 *                                                      family lifetime
 * jpkigate:op:sso:{&lt;session handle&gt;}               hash    facts (SsoSession JSON), c:&lt;client id&gt; → "sid grant…"; PX
 *                                                      to the idle timeout or the absolute end; Lua: create NX, update
 *                                                      and join only while it exists, remove = HGETALL + DEL
 * jpkigate:op:sid:{&lt;sha256(sid)&gt;}                  string  the session handle of a client's sid, PX to the session's end
 * </pre>
 */
final class RedisOpKeys {
    private RedisOpKeys() {
    }

    static String pushedRequest(String requestUriRandomPart) {
        return "jpkigate:op:par:{" + requestUriRandomPart + "}";
    }

    /** Replayable values are hashed: keys stay short and never carry client-supplied text. */
    static String replay(String namespace, String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return "jpkigate:op:replay:" + namespace + ":{" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest) + "}";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String loginTransaction(String id) {
        return "jpkigate:op:login:{" + id + "}";
    }

    /** Codes are hashed: a leaked key listing gives no usable code. */
    static String authorizationCode(String code) {
        return "jpkigate:op:code:{" + sha256(code) + "}";
    }

    /** A refresh-token family; the family id is random and not secret by itself (the token's secret part is). */
    static String refreshFamily(String familyId) {
        return "jpkigate:op:rt:{" + familyId + "}";
    }

    static String userInfoClaims(String jti) {
        return "jpkigate:op:userinfo:{" + sha256(jti) + "}";
    }

    /** A grant whose access tokens are revoked; the grant id is a one-way hash and names no secret. */
    static String revokedGrant(String grantId) {
        return "jpkigate:op:revoked:{" + grantId + "}";
    }

    /** Certificates are hashed: a key listing shows no serial numbers. */
    static String personKey(String certificateKey) {
        return "jpkigate:op:person:{" + sha256(certificateKey) + "}";
    }

    /** One person's approvals: the person key is hashed, so no certificate identity appears in key listings. */
    static String approvals(String personKey) {
        return "jpkigate:op:approvals:{" + sha256(personKey) + "}";
    }

    /** Session ids are bearer secrets: only their hash names the key. */
    static String accountSession(String sessionId) {
        return "jpkigate:op:account:{" + sha256(sessionId) + "}";
    }

    /** A NUL separates client and subject (client ids are visible ASCII), so no pair can stand for another. */
    static String grantRevocation(String clientId, String subject) {
        return "jpkigate:op:rtrevoked:{" + sha256(clientId + "\u0000" + subject) + "}";
    }

    /** A single sign-on session; the handle is already the SHA-256 of the cookie's id (no secret in the key). */
    static String ssoSession(String handle) {
        return "jpkigate:op:sso:{" + handle + "}";
    }

    /** The session a client's sid belongs to. */
    static String sessionOfSid(String sid) {
        return "jpkigate:op:sid:{" + sha256(sid) + "}";
    }

    /** Base64url SHA-256 of UTF-8 text. */
    static String sha256(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
