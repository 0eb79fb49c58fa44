package jp.jpkigate.feed.detect;

import java.math.BigInteger;
import java.util.Objects;

/**
 * A signature certificate as the platform names it: the trust anchor that issued it (the OP's id, e.g.
 * {@code jlis:sign_ca_2023}; all JPKI generations share one DN, so never the DN) and its serial.
 */
public record CertificateRef(String anchorId, BigInteger serial) {
    public CertificateRef {
        Objects.requireNonNull(anchorId, "anchorId");
        Objects.requireNonNull(serial, "serial");
        if (anchorId.isEmpty() || !anchorId.chars().allMatch(ch -> ch > 0x20 && ch < 0x7f && ch != '{' && ch != '}') || serial.signum() < 0) {
            throw new IllegalArgumentException("a certificate is a trust anchor id (visible ASCII, no braces) and a non-negative serial");
        }
    }

    @Override
    public String toString() {
        return anchorId + "/" + serial.toString(16);
    }
}
