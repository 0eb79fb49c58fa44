package jp.jpkigate.idp.admin;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import jp.jpkigate.idp.client.ClientMetadataValidator;
import jp.jpkigate.idp.client.ClientRegistry;
import jp.jpkigate.idp.client.RegisteredClient;
import jp.jpkigate.idp.store.RegisteredClientStore;

/**
 * Keeps this replica's {@link ClientRegistry} equal to the registered clients every replica shares:
 * {@link #refresh} (every sync interval, and after each admin write here) reads the store's version
 * and, when it changed, every record, and swaps the active, valid ones into the registry. The
 * request path never reads the store. A record that no longer validates (for example a scope the OP
 * stopped supporting) is left out and named in {@link #skipped()}.
 */
public final class ClientRegistrySync {
    private final RegisteredClientStore store;
    private final ClientRegistry registry;
    private final ClientMetadataValidator validator;
    private volatile long version = -1;
    private volatile List<String> skipped = List.of();

    public ClientRegistrySync(RegisteredClientStore store, ClientRegistry registry, ClientMetadataValidator validator) {
        this.store = Objects.requireNonNull(store, "store");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.validator = Objects.requireNonNull(validator, "validator");
    }

    /** Loads the registered clients if they changed; true when they did. */
    public Future<Boolean> refresh() {
        // The version is read first: a write after it raises it again, so the next refresh reloads.
        return store.version().compose(stored -> stored == version ? Future.succeededFuture(false)
                : store.all().map(records -> {
                    adopt(records);
                    version = stored;
                    return true;
                }));
    }

    private void adopt(List<String> records) {
        List<RegisteredClient> active = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        for (String json : records) {
            ClientRecord record;
            try {
                record = ClientRecord.parse(json);
            } catch (IllegalArgumentException e) {
                invalid.add("(unreadable record)");
                continue;
            }
            if (record.disabled() || registry.isFileClient(record.clientId())) {
                continue;
            }
            ClientMetadataValidator.Result result = validator.validate(record.metadata());
            result.client().ifPresentOrElse(active::add, () -> invalid.add(record.clientId()));
        }
        registry.replaceRegistered(active);
        skipped = List.copyOf(invalid);
    }

    /** The registered clients left out at the last load because they no longer validate. */
    public List<String> skipped() {
        return skipped;
    }
}
