package jp.jpkigate.idp.web;

import io.vertx.redis.client.Redis;
import java.util.Objects;
import jp.jpkigate.idp.store.AccountSessionStore;
import jp.jpkigate.idp.store.ApprovalStore;
import jp.jpkigate.idp.store.AuthorizationCodeStore;
import jp.jpkigate.idp.store.ApprovalWithdrawalStore;
import jp.jpkigate.idp.store.LoginTransactionStore;
import jp.jpkigate.idp.store.PushedRequestStore;
import jp.jpkigate.idp.store.redis.RedisAccountSessionStore;
import jp.jpkigate.idp.store.redis.RedisApprovalStore;
import jp.jpkigate.idp.store.redis.RedisAuthorizationCodeStore;
import jp.jpkigate.idp.store.redis.RedisApprovalWithdrawalStore;
import jp.jpkigate.idp.store.redis.RedisLoginTransactionStore;
import jp.jpkigate.idp.store.redis.RedisPushedRequestStore;

/** The stores of the login routes ({@link OpenIdProviderRoutes#addLoginRoutes}). */
public record LoginStores(PushedRequestStore pushedRequests, LoginTransactionStore transactions,
                          AuthorizationCodeStore codes, ApprovalStore approvals, AccountSessionStore accountSessions,
                          ApprovalWithdrawalStore withdrawals) {
    public LoginStores {
        Objects.requireNonNull(pushedRequests, "pushedRequests");
        Objects.requireNonNull(transactions, "transactions");
        Objects.requireNonNull(codes, "codes");
        Objects.requireNonNull(approvals, "approvals");
        Objects.requireNonNull(accountSessions, "accountSessions");
        Objects.requireNonNull(withdrawals, "withdrawals");
    }

    /** All on one Redis (single, Sentinel or Cluster: every key carries its own hash tag). */
    public static LoginStores redis(Redis redis) {
        return new LoginStores(new RedisPushedRequestStore(redis), new RedisLoginTransactionStore(redis),
                new RedisAuthorizationCodeStore(redis), new RedisApprovalStore(redis), new RedisAccountSessionStore(redis),
                new RedisApprovalWithdrawalStore(redis));
    }
}
