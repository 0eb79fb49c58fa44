package jp.jpkigate.feed.set;

import com.nimbusds.jose.JOSEObjectType;

/**
 * The names of the latest-4-information feed's Security Event Tokens, in one place: the event type
 * URIs (RFC 8417 §2.2: URIs under the issuer's namespace), the JWS {@code typ} and the media type
 * of push delivery.
 *
 * <p>Every SET carries exactly one event; its payloads are documented on
 * {@link FourInformationChanged} and {@link ConsentWithdrawn}.
 */
public final class EventTypes {
    /** The namespace of JPKI Gate's event types. */
    public static final String NAMESPACE = "https://jpkigate.jp/secevent/";
    /** A consenting person's 4 information changed: {@link FourInformationChanged}. */
    public static final String FOUR_INFORMATION_CHANGED = NAMESPACE + "four-information-changed";
    /** A person withdrew their consent: {@link ConsentWithdrawn}. */
    public static final String CONSENT_WITHDRAWN = NAMESPACE + "consent-withdrawn";
    /** RFC 8417 §2.3 explicit typing of the signed (inner) JWT. */
    public static final JOSEObjectType SECEVENT_JWT = new JOSEObjectType("secevent+jwt");
    /** RFC 8935 §2: the media type of a pushed SET. */
    public static final String MEDIA_TYPE = "application/secevent+jwt";

    private EventTypes() {
    }
}
