package jp.jpkigate.feed.push;

import java.util.Optional;

/**
 * The delivery method and endpoint of each business, from its registered client metadata
 * ({@code feed_delivery_method}, {@code feed_endpoint_url}); the gateway implements it over the
 * client registry. Empty for a client that is not (or no longer) a feed business: its events wait.
 */
@FunctionalInterface
public interface FeedDestinations {
    Optional<Destination> of(String clientId);
}
