package jp.jpkigate.idp.web;

import com.nimbusds.jose.jwk.JWK;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.redis.client.Redis;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import jp.jpkigate.idp.admin.AdminAudit;
import jp.jpkigate.idp.admin.AdminTokens;
import jp.jpkigate.idp.admin.ClientAdministration;
import jp.jpkigate.idp.admin.ClientRegistrySync;
import jp.jpkigate.idp.admin.KeyAdministration;
import jp.jpkigate.idp.client.ClientMetadataValidator;
import jp.jpkigate.idp.client.ClientRegistry;
import jp.jpkigate.idp.key.KeyEncryptionKey;
import jp.jpkigate.idp.key.KeyRotation;
import jp.jpkigate.idp.key.KeyRotationOptions;
import jp.jpkigate.idp.key.KeySetCodec;
import jp.jpkigate.idp.key.SigningKeys;
import jp.jpkigate.idp.mtls.MtlsOptions;
import jp.jpkigate.idp.store.redis.RedisAdminAuditLog;
import jp.jpkigate.idp.store.redis.RedisRegisteredClientStore;
import jp.jpkigate.idp.store.redis.RedisSigningKeyStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the replicas share through Redis and operators change through the admin API, wired: the
 * rotating {@link SigningKeys} (sealed with the key-encryption key) and the {@link ClientRegistry}
 * of the configuration file's clients plus the registered ones. The OP's routes take
 * {@link #signingKeys()} and {@link #clients()}; {@link #start} fills them before the routes serve,
 * {@link #sync} (on a timer, every {@link KeyRotationOptions#syncInterval()}) adopts other replicas'
 * changes and rotates on the schedule, {@link #router} serves {@code /admin/}. New keys are
 * generated on a worker thread (RSA generation is slow).
 */
public final class AdminApi {
    private static final Logger LOG = LoggerFactory.getLogger(AdminApi.class);

    private final Vertx vertx;
    private final SigningKeys keys;
    private final ClientRegistry clients;
    private final KeyRotation rotation;
    private final ClientRegistrySync clientSync;
    private final KeyAdministration keyAdministration;
    private final ClientAdministration clientAdministration;
    private final AdminAudit audit;

    /**
     * @param keys            {@link SigningKeys#rotating} keys, filled by {@link #start}
     * @param clients         {@link ClientRegistry#withRegistered} the configuration file's clients (read-only
     *                        through the API)
     * @param supportedScopes the OP's scopes, for validating registered clients
     * @param mtls            how the OP receives client certificates, for validating mutual-TLS clients
     */
    public AdminApi(Vertx vertx, Redis redis, KeyEncryptionKey kek, KeyRotationOptions options, SigningKeys keys,
                    ClientRegistry clients, Set<String> supportedScopes, MtlsOptions mtls, Clock clock) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.clients = Objects.requireNonNull(clients, "clients");
        this.rotation = new KeyRotation(new RedisSigningKeyStore(redis), new KeySetCodec(kek), options,
                () -> vertx.executeBlocking(() -> SigningKeys.generateKey(options.algorithm()), false), keys, clock);
        ClientMetadataValidator validator = new ClientMetadataValidator(supportedScopes, mtls);
        RedisRegisteredClientStore store = new RedisRegisteredClientStore(redis);
        this.clientSync = new ClientRegistrySync(store, clients, validator);
        this.audit = new AdminAudit(new RedisAdminAuditLog(redis), clock);
        this.keyAdministration = new KeyAdministration(rotation, audit, clock);
        this.clientAdministration = new ClientAdministration(clients, store, validator, clientSync, audit, clock,
                new SecureRandom());
    }

    /** The OP's signing keys as they rotate. */
    public SigningKeys signingKeys() {
        return keys;
    }

    /** The file's clients and the registered ones, as they change. */
    public ClientRegistry clients() {
        return clients;
    }

    /**
     * Adopts (or creates, importing {@code importedKeys}, current first) the shared key set and
     * loads the registered clients. Fails when the key set cannot be used (another key-encryption key).
     */
    public Future<Void> start(List<JWK> importedKeys) {
        return rotation.start(importedKeys).compose(set -> sync());
    }

    /** Adopts other replicas' changes (keys, clients), then rotates if the schedule says so. */
    public Future<Void> sync() {
        return rotation.refresh()
                .compose(keysChanged -> clientSync.refresh())
                .compose(clientsChanged -> {
                    if (clientsChanged && !clientSync.skipped().isEmpty()) {
                        LOG.warn("registered clients left out (their metadata no longer validate): {}", clientSync.skipped());
                    }
                    return keyAdministration.rotateIfDue();
                })
                .mapEmpty();
    }

    /** The {@code /admin/} routes, for a listener of their own. */
    public Router router(AdminTokens tokens, int maxBodyBytes) {
        return AdminRoutes.create(vertx, tokens, clientAdministration, keyAdministration, audit, maxBodyBytes);
    }
}
