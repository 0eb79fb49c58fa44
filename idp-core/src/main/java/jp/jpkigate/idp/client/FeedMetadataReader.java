package jp.jpkigate.idp.client;

import com.nimbusds.jose.jwk.JWKSet;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import jp.jpkigate.idp.client.FeedMetadata.DeliveryMethod;

/**
 * Reads a client's feed members ({@link FeedMetadata}), reporting each problem:
 * <ul>
 *   <li>{@code feed_delivery_method}: {@code urn:ietf:rfc:8935} (push) or {@code urn:ietf:rfc:8936}
 *       (poll);</li>
 *   <li>{@code feed_endpoint_url}: required for push, refused otherwise; the rule of
 *       {@link EndpointUris} (https, or http on loopback);</li>
 *   <li>a client with the feed needs an encryption key: a {@code "use": "enc"} key in its
 *       {@code jwks} ({@link FeedEncryptionKeys}), or a {@code jwks_uri} where it is published;
 *       {@code enc} keys without the feed are refused (nothing else would use them).</li>
 * </ul>
 */
final class FeedMetadataReader {
    /** The client metadata members read here. */
    static final java.util.Set<String> MEMBERS = java.util.Set.of("feed_delivery_method", "feed_endpoint_url");

    private final Map<?, ?> map;
    private final Consumer<String> problems;

    FeedMetadataReader(Map<?, ?> map, Consumer<String> problems) {
        this.map = map;
        this.problems = problems;
    }

    /** Whether the client asks for the feed at all (its keys may then serve encryption only). */
    static boolean requested(Map<?, ?> map) {
        return map.containsKey("feed_delivery_method");
    }

    /**
     * @param encryptionKeys the accepted {@code enc} keys of the inline {@code jwks}
     * @param keysFetched    whether the client publishes its keys at a {@code jwks_uri}
     */
    FeedMetadata read(JWKSet encryptionKeys, boolean keysFetched) {
        Object method = map.get("feed_delivery_method");
        Object endpoint = map.get("feed_endpoint_url");
        if (method == null) {
            if (endpoint != null) {
                problems.accept("feed_endpoint_url needs \"feed_delivery_method\": \"" + DeliveryMethod.PUSH.urn() + "\"");
            }
            if (!encryptionKeys.getKeys().isEmpty()) {
                problems.accept("jwks keys with \"use\": \"enc\" are only used with feed_delivery_method");
            }
            return FeedMetadata.NONE;
        }
        Optional<DeliveryMethod> delivery = method instanceof String urn ? DeliveryMethod.parse(urn) : Optional.empty();
        if (delivery.isEmpty()) {
            problems.accept("feed_delivery_method must be \"" + DeliveryMethod.PUSH.urn() + "\" (push) or \""
                    + DeliveryMethod.POLL.urn() + "\" (poll)");
            return FeedMetadata.NONE;
        }
        if (encryptionKeys.getKeys().isEmpty() && !keysFetched) {
            problems.accept("feed_delivery_method needs the client's encryption key: a public EC P-256 or RSA key with"
                    + " \"use\": \"enc\" and a kid in jwks (or published at jwks_uri)");
        }
        Optional<URI> url = Optional.empty();
        if (delivery.get() == DeliveryMethod.PUSH) {
            if (endpoint == null) {
                problems.accept("push delivery (" + DeliveryMethod.PUSH.urn() + ") needs feed_endpoint_url");
                return FeedMetadata.NONE;
            }
            url = EndpointUris.read("feed_endpoint_url", endpoint, problems);
            if (url.isEmpty()) {
                return FeedMetadata.NONE;
            }
        } else if (endpoint != null) {
            problems.accept("feed_endpoint_url is only used with push delivery (" + DeliveryMethod.PUSH.urn() + ")");
        }
        return new FeedMetadata(delivery, url, encryptionKeys);
    }
}
