package jp.jpkigate.consent.signing;

import java.util.Locale;

/** What a signing transaction's document is: a consent (for an invitation) or its withdrawal (of a consent). */
public enum DocumentPurpose {
    CONSENT, WITHDRAWAL;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
