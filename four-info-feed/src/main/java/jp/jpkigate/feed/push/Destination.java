package jp.jpkigate.feed.push;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a business's SETs go: pushed to its endpoint, or kept for it to poll.
 *
 * @param method   the delivery method
 * @param endpoint the push endpoint ({@code feed_endpoint_url}); present exactly for {@link DeliveryMethod#PUSH}
 */
public record Destination(DeliveryMethod method, Optional<URI> endpoint) {
    public Destination {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(endpoint, "endpoint");
        if (endpoint.isPresent() != (method == DeliveryMethod.PUSH)) {
            throw new IllegalArgumentException("a push destination has an endpoint, a poll destination none");
        }
    }

    public static Destination push(URI endpoint) {
        return new Destination(DeliveryMethod.PUSH, Optional.of(endpoint));
    }

    public static Destination poll() {
        return new Destination(DeliveryMethod.POLL, Optional.empty());
    }
}
