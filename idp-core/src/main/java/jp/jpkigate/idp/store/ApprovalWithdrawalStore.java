package jp.jpkigate.idp.store;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a person last withdrew their approval for a client, by client and pairwise subject: written
 * by the account page on revocation, read by the refresh grant, which refuses every refresh-token
 * family of that client and subject authenticated at or before that instant (a login after it
 * needed a new consent).
 *
 * <p>Contract: {@link #record} keeps the latest instant for (client, subject) for at least
 * {@code ttl} (the longest a refresh-token family lives); {@link #revokedAt} returns it, or empty;
 * both are visible to every replica at once; a store failure fails the future (the refresh grant
 * then fails closed).
 */
public interface ApprovalWithdrawalStore {
    Future<Void> record(String clientId, String subject, Instant revokedAt, Duration ttl);

    Future<Optional<Instant>> revokedAt(String clientId, String subject);
}
