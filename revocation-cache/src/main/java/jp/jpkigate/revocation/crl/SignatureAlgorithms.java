package jp.jpkigate.revocation.crl;

import java.util.Map;
import jp.jpkigate.revocation.crl.CrlParseException.Kind;

/**
 * CRL signature algorithms accepted (RFC 5280 section 5.1.1.2; OIDs from RFC 4055 and RFC 5758):
 * sha256WithRSAEncryption, sha384WithRSAEncryption, ecdsa-with-SHA256, ecdsa-with-SHA384.
 */
final class SignatureAlgorithms {
    private static final Map<String, String> JCA = Map.of(
            "1.2.840.113549.1.1.11", "SHA256withRSA",
            "1.2.840.113549.1.1.12", "SHA384withRSA",
            "1.2.840.10045.4.3.2", "SHA256withECDSA",
            "1.2.840.10045.4.3.3", "SHA384withECDSA");

    private SignatureAlgorithms() {
    }

    /** JCA name for a dotted OID, or null if not accepted. */
    static String jcaName(String oid) {
        return JCA.get(oid);
    }

    /**
     * The algorithm OID of AlgorithmIdentifier content octets. Parameters must be absent or NULL
     * (RFC 4055 section 5: NULL for RSA; RFC 5758 section 3.2: absent for ECDSA).
     */
    static String oidOf(byte[] content, DerInput d) throws CrlParseException {
        if (content.length < 3 || content[0] != DerInput.OID || content[1] < 1 || content[1] + 2 > content.length) {
            throw d.error(Kind.MALFORMED, "AlgorithmIdentifier");
        }
        int len = content[1];
        int rest = content.length - 2 - len;
        if (rest != 0 && !(rest == 2 && content[2 + len] == 0x05 && content[3 + len] == 0)) {
            throw d.error(Kind.MALFORMED, "AlgorithmIdentifier parameters");
        }
        return dotted(content, 2, len, d);
    }

    /** Dotted form of OBJECT IDENTIFIER content octets (X.690 section 8.19). */
    static String dotted(byte[] b, int off, int len, DerInput d) throws CrlParseException {
        StringBuilder sb = new StringBuilder();
        long value = 0;
        boolean first = true;
        for (int i = off; i < off + len; i++) {
            if (value > (Long.MAX_VALUE >>> 8)) {
                throw d.error(Kind.MALFORMED, "OID arc too large");
            }
            value = (value << 7) | (b[i] & 0x7F);
            if ((b[i] & 0x80) == 0) {
                if (first) {
                    int top = value < 40 ? 0 : value < 80 ? 1 : 2;
                    sb.append(top).append('.').append(value - 40L * top);
                    first = false;
                } else {
                    sb.append('.').append(value);
                }
                value = 0;
            } else if (i == off + len - 1) {
                throw d.error(Kind.MALFORMED, "OID ends inside an arc");
            }
        }
        return sb.toString();
    }
}
