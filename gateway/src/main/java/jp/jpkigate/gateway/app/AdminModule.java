package jp.jpkigate.gateway.app;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import jp.jpkigate.gateway.config.GatewayConfig;
import jp.jpkigate.idp.admin.AdminTokens;
import jp.jpkigate.idp.client.ClientRegistry;
import jp.jpkigate.idp.config.OpenIdProviderConfig;
import jp.jpkigate.idp.key.KeyEncryptionKey;
import jp.jpkigate.idp.key.KeyLoadException;
import jp.jpkigate.idp.key.KeyRotationOptions;
import jp.jpkigate.idp.key.SigningKeys;
import jp.jpkigate.idp.logout.BackChannelOptions;
import jp.jpkigate.idp.token.TokenOptions;
import jp.jpkigate.idp.web.AdminApi;

/**
 * What the replicas share and operators change, prepared off the event loop: the key-encryption
 * key (the configured file, or in dev one generated under the data dir, owner-only), the keys of
 * {@code oidc.keysDir} to import into a first key set, the rotation options, the admin tokens (in
 * dev without configured ones, a token generated now, shown once), and the live {@link SigningKeys}
 * and {@link ClientRegistry} the OP's routes use. {@link AdminVerticle} brings them to life.
 */
public final class AdminModule {
    /** Where dev mode keeps the generated key-encryption key. */
    static final String DEV_KEK = "signing-kek";

    private final GatewayConfig.Admin settings;
    private final KeyEncryptionKey kek;
    private final List<JWK> importedKeys;
    private final KeyRotationOptions options;
    private final AdminTokens tokens;
    private final AtomicReference<String> devToken;
    private final SigningKeys keys;
    private final ClientRegistry clients;
    private final OpenIdProviderConfig op;
    private final Clock clock;

    private AdminModule(GatewayConfig.Admin settings, KeyEncryptionKey kek, List<JWK> importedKeys, KeyRotationOptions options,
                        AdminTokens tokens, String devToken, ClientRegistry fileClients, OpenIdProviderConfig op, Clock clock) {
        this.settings = settings;
        this.kek = kek;
        this.importedKeys = importedKeys;
        this.options = options;
        this.tokens = tokens;
        this.devToken = new AtomicReference<>(devToken);
        this.keys = SigningKeys.rotating(clock);
        this.clients = ClientRegistry.withRegistered(fileClients);
        this.op = op;
        this.clock = clock;
    }

    /** Blocking file I/O: call it on a worker. */
    static AdminModule load(GatewayConfig gateway, OpenIdProviderConfig op, ClientRegistry fileClients, TokenOptions tokens,
                            Clock clock) throws IOException, KeyLoadException {
        GatewayConfig.Keys keys = gateway.keys();
        KeyRotationOptions options = new KeyRotationOptions(JWSAlgorithm.parse(keys.algorithm()), keys.propagation(),
                KeyRotationOptions.retentionFor(gateway.admin().sync(), tokens.accessTokenLifetime(), tokens.idTokenLifetime(),
                        BackChannelOptions.defaults().tokenLifetime()),
                keys.rotation(), gateway.admin().sync());
        List<JWK> imported = gateway.oidc().keysDir() == null ? List.of() : SigningKeys.loadPrivateKeys(gateway.oidc().keysDir());
        String devToken = null;
        Map<String, String> hashes = gateway.admin().tokenHashes();
        if (hashes.isEmpty() && gateway.admin().enabled()) {
            devToken = AdminTokens.generate(new SecureRandom());
            hashes = Map.of("dev", AdminTokens.sha256Hex(devToken));
        }
        return new AdminModule(gateway.admin(), keyEncryptionKey(gateway), imported, options, AdminTokens.of(hashes), devToken,
                fileClients, op, clock);
    }

    /** The configured key, or in dev one under the data dir, created owner-only on first start. */
    private static KeyEncryptionKey keyEncryptionKey(GatewayConfig gateway) throws IOException, KeyLoadException {
        Path configured = gateway.keys().encryptionKeyFile();
        Path file = configured != null ? configured : gateway.dataDir().resolve(DEV_KEK);
        if (configured == null && !Files.exists(file)) {
            Files.createDirectories(file.getParent());
            Files.write(file, KeyEncryptionKey.generateFileContent(new SecureRandom()), StandardOpenOption.CREATE_NEW);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
        return KeyEncryptionKey.parse(Files.readAllBytes(file));
    }

    /** The admin API and what it manages, on a Redis client of the caller's. */
    AdminApi api(Vertx vertx, Redis redis) {
        return new AdminApi(vertx, redis, kek, options, keys, clients, op.scopesSupported(), op.mtls(), clock);
    }

    SigningKeys signingKeys() {
        return keys;
    }

    ClientRegistry clients() {
        return clients;
    }

    List<JWK> importedKeys() {
        return importedKeys;
    }

    AdminTokens tokens() {
        return tokens;
    }

    GatewayConfig.Admin settings() {
        return settings;
    }

    /** The dev token generated at start, the first time only: shown once, then forgotten. */
    Optional<String> takeDevToken() {
        return Optional.ofNullable(devToken.getAndSet(null));
    }
}
