package jp.jpkigate.sim.card;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** The token name in EF 0006 (first 32 bytes, space padded): what tells a card from a phone. */
public enum TokenName {
    /** A My Number card. */
    CARD("JPKIAPICCTOKEN2"),
    /** An Android phone's secure element. */
    ANDROID("JPKIAPGPSETOKEN"),
    /** An iPhone. */
    IPHONE("JPKIAPIOSTOKEN");

    private final String label;

    TokenName(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean isPhone() {
        return this != CARD;
    }

    /** The 32 bytes of EF 0006: the label padded with spaces. */
    public byte[] tokenInfo() {
        byte[] info = new byte[32];
        Arrays.fill(info, (byte) ' ');
        byte[] ascii = label.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(ascii, 0, info, 0, ascii.length);
        return info;
    }

    /** Parses the enum name, the label, or "android" / "iphone" / "card". */
    public static TokenName parse(String value) {
        for (TokenName token : values()) {
            if (token.name().equalsIgnoreCase(value) || token.label.equals(value.trim())) {
                return token;
            }
        }
        if (value.equalsIgnoreCase("ios")) {
            return IPHONE;
        }
        throw new IllegalArgumentException("unknown token '" + value + "' (expected card, android or iphone)");
    }
}
