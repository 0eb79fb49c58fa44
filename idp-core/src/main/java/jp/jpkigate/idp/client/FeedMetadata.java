package jp.jpkigate.idp.client;

import com.nimbusds.jose.jwk.JWKSet;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * How a business receives the latest-4-information feed: Security Event Tokens (RFC 8417) pushed to
 * its endpoint (RFC 8935) or polled by it (RFC 8936), encrypted to one of its {@code enc} keys.
 * Immutable.
 *
 * @param deliveryMethod {@code feed_delivery_method}; empty for a client without the feed
 * @param endpointUrl    {@code feed_endpoint_url}: where SETs are pushed; present exactly for push
 * @param encryptionKeys the public {@code "use": "enc"} keys of the client's inline {@code jwks}
 *                       ({@link FeedEncryptionKeys}); empty when the client publishes its keys at a
 *                       {@code jwks_uri} (then they are fetched, filtered with
 *                       {@link FeedEncryptionKeys#of}). Never used to verify a signature.
 */
public record FeedMetadata(Optional<DeliveryMethod> deliveryMethod, Optional<URI> endpointUrl, JWKSet encryptionKeys) {
    /** No feed registered. */
    public static final FeedMetadata NONE = new FeedMetadata(Optional.empty(), Optional.empty(), new JWKSet());

    /** The delivery-method URNs of the Shared Signals Framework (SSF 1.0 §6.1.1). */
    public enum DeliveryMethod {
        /** RFC 8935: the OP POSTs each SET to {@code feed_endpoint_url}. */
        PUSH("urn:ietf:rfc:8935"),
        /** RFC 8936: the business polls the OP for SETs and acknowledges them. */
        POLL("urn:ietf:rfc:8936");

        private final String urn;

        DeliveryMethod(String urn) {
            this.urn = urn;
        }

        public String urn() {
            return urn;
        }

        public static Optional<DeliveryMethod> parse(String urn) {
            for (DeliveryMethod m : values()) {
                if (m.urn.equals(urn)) {
                    return Optional.of(m);
                }
            }
            return Optional.empty();
        }
    }

    public FeedMetadata {
        Objects.requireNonNull(deliveryMethod, "deliveryMethod");
        Objects.requireNonNull(endpointUrl, "endpointUrl");
        Objects.requireNonNull(encryptionKeys, "encryptionKeys");
        if (encryptionKeys.getKeys().stream().anyMatch(com.nimbusds.jose.jwk.JWK::isPrivate)) {
            throw new IllegalArgumentException("encryption keys are public keys");
        }
        if (endpointUrl.isPresent() != (deliveryMethod.orElse(null) == DeliveryMethod.PUSH)) {
            throw new IllegalArgumentException("a feed endpoint URL goes with push delivery, and only with it");
        }
    }

    /** Whether the client receives the feed. */
    public boolean enabled() {
        return deliveryMethod.isPresent();
    }
}
