package jp.jpkigate.feed.flow;

/**
 * The business's encryption key cannot be had now: its {@code jwks_uri} could not be fetched, or publishes no
 * acceptable {@code enc} key yet. The event is not lost: the caller tries again later.
 */
final class BusinessKeysUnavailable extends RuntimeException {
    BusinessKeysUnavailable(String clientId, String why) {
        super("the encryption key of business " + clientId + " is unavailable: " + why, null, false, false);
    }
}
