package jp.jpkigate.idp.admin;

import io.vertx.core.Future;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.idp.admin.AdminAudit.Done;
import jp.jpkigate.idp.admin.RegistrationException.Kind;
import jp.jpkigate.idp.client.ClientMetadataValidator;
import jp.jpkigate.idp.client.ClientRegistry;
import jp.jpkigate.idp.store.RegisteredClientStore;

/**
 * Registers, updates, disables and lists clients for the admin API (RFC 7591 §3 / RFC 7592 §2
 * shapes), with the configuration file's validation rules, every call audited ({@link AdminAudit}).
 * Registered clients live in the {@link RegisteredClientStore}; the file's clients are read-only
 * here ({@code conflict}). A change is in this replica's {@link ClientRegistry} before the call is
 * answered, and in the others' within their sync interval ({@link ClientRegistrySync}).
 */
public final class ClientAdministration {
    private final ClientRegistry registry;
    private final RegisteredClientStore store;
    private final ClientMetadataValidator validator;
    private final ClientRegistrySync sync;
    private final AdminAudit audit;
    private final Clock clock;
    private final SecureRandom random;

    public ClientAdministration(ClientRegistry registry, RegisteredClientStore store, ClientMetadataValidator validator,
                                ClientRegistrySync sync, AdminAudit audit, Clock clock, SecureRandom random) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.store = Objects.requireNonNull(store, "store");
        this.validator = Objects.requireNonNull(validator, "validator");
        this.sync = Objects.requireNonNull(sync, "sync");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * RFC 7591 §3.1: a new client; {@code client_id} is generated when absent. Answers the registered
     * metadata. {@code body} is the request body as it is read (its failure is audited too).
     */
    public Future<Map<String, Object>> register(AdminPrincipal who, Future<String> body) {
        Future<Map<String, Object>> parsed = body.compose(text -> attempt(() -> {
            Map<String, Object> metadata = RegistrationRequest.parse(text);
            metadata.putIfAbsent("client_id", newClientId());
            return Future.succeededFuture(metadata);
        }));
        return parsed.transform(read -> {
            Optional<String> clientId = read.succeeded() && read.result().get("client_id") instanceof String s
                    ? Optional.of(s) : Optional.empty();
            return audit.around(who, "client.register", clientId, read.failed() ? Future.failedFuture(read.cause())
                    : attempt(() -> create(read.result())));
        });
    }

    private Future<Done<Map<String, Object>>> create(Map<String, Object> metadata) throws RegistrationException {
        RegistrationRequest.validate(validator, metadata);
        String id = (String) metadata.get("client_id");
        writable(id);
        Instant now = clock.instant();
        ClientRecord record = new ClientRecord(metadata, now, now, false);
        return store.create(id, record.toJson()).compose(created -> created
                ? sync.refresh().map(v -> new Done<>(ClientViews.of(record), MetadataDiff.between(Map.of(), metadata)))
                : Future.failedFuture(new RegistrationException(Kind.CONFLICT, "client_id " + id + " is already registered")));
    }

    /** RFC 7592 §2.2: replaces a registered client's metadata; an absent client_secret_sha256 keeps the stored one. */
    public Future<Map<String, Object>> update(AdminPrincipal who, String clientId, Future<String> body) {
        return audit.around(who, "client.update", Optional.of(clientId), body.compose(text -> attempt(() -> {
            Map<String, Object> metadata = RegistrationRequest.parse(text);
            Object given = metadata.putIfAbsent("client_id", clientId);
            if (given != null && !clientId.equals(given)) {
                throw new RegistrationException(Kind.INVALID_CLIENT_METADATA, "client_id must be the one in the path");
            }
            writable(clientId);
            return stored(clientId).compose(stored -> attempt(() -> {
                ClientRecord old = ClientRecord.parse(stored);
                if (!metadata.containsKey("client_secret_sha256") && old.metadata().containsKey("client_secret_sha256")
                        && "client_secret_basic".equals(metadata.get("token_endpoint_auth_method"))) {
                    metadata.put("client_secret_sha256", old.metadata().get("client_secret_sha256"));
                }
                RegistrationRequest.validate(validator, metadata);
                ClientRecord next = old.updated(metadata, clock.instant());
                return replace(clientId, stored, next, MetadataDiff.between(old.metadata(), metadata));
            }));
        })));
    }

    /** RFC 7592 §2.3 DELETE, as a disable: the record is kept, the OP no longer knows the client. */
    public Future<Map<String, Object>> disable(AdminPrincipal who, String clientId) {
        return audit.around(who, "client.disable", Optional.of(clientId), attempt(() -> {
            writable(clientId);
            return stored(clientId).compose(stored -> {
                ClientRecord old = ClientRecord.parse(stored);
                return old.disabled() ? Future.succeededFuture(Done.read(ClientViews.of(old)))
                        : replace(clientId, stored, old.disabled(clock.instant()), MetadataDiff.change("disabled", false, true));
            });
        }));
    }

    /** RFC 7592 §2.1: one client, registered or from the file. */
    public Future<Map<String, Object>> read(AdminPrincipal who, String clientId) {
        return audit.around(who, "client.read", Optional.of(clientId), attempt(() -> {
            if (registry.isFileClient(clientId)) {
                return Future.succeededFuture(Done.read(ClientViews.of(registry.find(clientId).orElseThrow())));
            }
            return stored(clientId).map(stored -> Done.read(ClientViews.of(ClientRecord.parse(stored))));
        }));
    }

    /** Every client: the file's, then the registered ones (disabled ones too). */
    public Future<List<Map<String, Object>>> list(AdminPrincipal who) {
        return audit.around(who, "client.list", Optional.empty(), store.all().map(records -> {
            List<Map<String, Object>> clients = new ArrayList<>();
            registry.all().stream().filter(c -> registry.isFileClient(c.clientId())).map(ClientViews::of).forEach(clients::add);
            records.forEach(json -> clients.add(ClientViews.of(ClientRecord.parse(json))));
            return Done.read(clients);
        }));
    }

    private Future<Done<Map<String, Object>>> replace(String clientId, String stored, ClientRecord next,
                                                      Map<String, Object> changes) {
        return store.replace(clientId, stored, next.toJson()).compose(replaced -> replaced
                ? sync.refresh().map(v -> new Done<>(ClientViews.of(next), changes))
                : Future.failedFuture(new RegistrationException(Kind.CONFLICT, "the client changed meanwhile; read it again")));
    }

    private void writable(String clientId) throws RegistrationException {
        if (registry.isFileClient(clientId)) {
            throw new RegistrationException(Kind.CONFLICT, "client " + clientId
                    + " comes from the configuration file and is read-only here");
        }
    }

    private Future<String> stored(String clientId) {
        return store.find(clientId).compose(found -> found.<Future<String>>map(Future::succeededFuture).orElseGet(() ->
                Future.failedFuture(new RegistrationException(Kind.NOT_FOUND, "no registered client " + clientId))));
    }

    private String newClientId() {
        byte[] raw = new byte[16];
        random.nextBytes(raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    /** Work that may refuse before it starts. */
    private interface Attempt<T> {
        Future<T> run() throws RegistrationException;
    }

    private static <T> Future<T> attempt(Attempt<T> work) {
        try {
            return work.run();
        } catch (RegistrationException e) {
            return Future.failedFuture(e);
        }
    }
}
