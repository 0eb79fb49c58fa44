package jp.jpkigate.revocation.crl;

import java.util.Arrays;
import jp.jpkigate.revocation.crl.CrlParseException.Kind;

/**
 * Walks RFC 5280 section 4.1 Extensions:
 * <pre>
 * Extension  ::=  SEQUENCE  {
 *      extnID      OBJECT IDENTIFIER,
 *      critical    BOOLEAN DEFAULT FALSE,
 *      extnValue   OCTET STRING }
 * </pre>
 * After {@link #next} the reader is positioned at the start of the extnValue content, which ends
 * at {@link #valueEnd}; call {@link #finish} when done with it (skips what was not read).
 */
final class ExtensionReader {
    static final byte[] REASON_CODE = {0x55, 0x1D, 0x15};
    static final byte[] INVALIDITY_DATE = {0x55, 0x1D, 0x18};
    static final byte[] CERTIFICATE_ISSUER = {0x55, 0x1D, 0x1D};
    static final byte[] CRL_NUMBER = {0x55, 0x1D, 0x14};
    static final byte[] DELTA_CRL_INDICATOR = {0x55, 0x1D, 0x1B};
    static final byte[] AUTHORITY_KEY_ID = {0x55, 0x1D, 0x23};
    static final byte[] ISSUING_DISTRIBUTION_POINT = {0x55, 0x1D, 0x1C};

    private final byte[] oid = new byte[32];
    private int oidLength;
    boolean critical;
    long valueEnd;
    private long end;

    /** Reads the next Extension header inside {@code listEnd}; false at the end of the list. */
    boolean next(DerInput d, long listEnd) throws CrlParseException {
        if (d.position() >= listEnd) {
            return false;
        }
        end = d.expect(DerInput.SEQUENCE, listEnd);
        long oidEnd = d.expect(DerInput.OID, end);
        long len = oidEnd - d.position();
        if (len < 1 || len > oid.length) {
            throw d.error(Kind.MALFORMED, "extnID of " + len + " octets");
        }
        oidLength = (int) len;
        d.read(oid, 0, oidLength);
        critical = false;
        if (d.peekTag(end) == DerInput.BOOLEAN) {
            long boolEnd = d.expect(DerInput.BOOLEAN, end);
            if (boolEnd - d.position() != 1) {
                throw d.error(Kind.MALFORMED, "BOOLEAN length");
            }
            critical = d.readByte() != 0;
        }
        valueEnd = d.expect(DerInput.OCTET_STRING, end);
        return true;
    }

    boolean is(byte[] candidate) {
        return Arrays.equals(oid, 0, oidLength, candidate, 0, candidate.length);
    }

    /** Skips the rest of the extnValue and checks nothing follows it in the Extension. */
    void finish(DerInput d) throws CrlParseException {
        d.skipTo(valueEnd);
        d.requireAt(end, "Extension");
    }

    /** Unknown extension: fine if non-critical, else the CRL must not be used (section 5.2 / 5.3). */
    void skipUnknown(DerInput d) throws CrlParseException {
        if (critical) {
            throw d.error(Kind.UNSUPPORTED, "unknown critical extension " + SignatureAlgorithms.dotted(oid, 0,
                    oidLength, d));
        }
        finish(d);
    }
}
