package jp.jpkigate.feed.push;

import java.util.Optional;

/** How a business receives its SETs: the client metadata {@code feed_delivery_method}. */
public enum DeliveryMethod {
    /** RFC 8935: the gateway POSTs each SET to the business's {@code feed_endpoint_url}. */
    PUSH("urn:ietf:rfc:8935"),
    /** RFC 8936: the business polls {@code POST /feed/v1/poll}. */
    POLL("urn:ietf:rfc:8936");

    private final String uri;

    DeliveryMethod(String uri) {
        this.uri = uri;
    }

    public String uri() {
        return uri;
    }

    public static Optional<DeliveryMethod> fromUri(String uri) {
        for (DeliveryMethod m : values()) {
            if (m.uri.equals(uri)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
