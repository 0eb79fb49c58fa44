package jp.jpkigate.idp.key;

import java.util.Locale;
import java.util.Optional;

/**
 * Where a signing key is in its life (FAPI 2.0 Security Profile §5.4 key rotation with overlap):
 * published before it signs, published after it stopped signing until everything it signed has
 * expired. Every state is in the JWKS; only {@link #CURRENT} signs.
 */
public enum KeyState {
    /** Published in the JWKS, not signing yet: relying parties pick it up before it is used. */
    NEXT,
    /** The one key that signs. */
    CURRENT,
    /** Published, no longer signing, removed once the longest-lived token it signed has expired. */
    RETIRING;

    /** The lower-case name used in JSON. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<KeyState> parse(String value) {
        for (KeyState state : values()) {
            if (state.value().equals(value)) {
                return Optional.of(state);
            }
        }
        return Optional.empty();
    }
}
