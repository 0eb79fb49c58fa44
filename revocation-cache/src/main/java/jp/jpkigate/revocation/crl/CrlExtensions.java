package jp.jpkigate.revocation.crl;

import java.math.BigInteger;
import jp.jpkigate.revocation.crl.CrlParseException.Kind;

/**
 * crlExtensions (RFC 5280 section 5.2): AuthorityKeyIdentifier (5.2.1, keyIdentifier kept),
 * CRLNumber (5.2.3, "CRL issuers MUST NOT use CRLNumber values longer than 20 octets"),
 * DeltaCRLIndicator (5.2.4, BaseCRLNumber), IssuingDistributionPoint (5.2.5, kept raw). Other
 * non-critical extensions are skipped; other critical ones make the CRL unusable.
 */
final class CrlExtensions {
    private static final int MAX_NUMBER = 21;
    private static final int MAX_RAW = 64 * 1024;

    BigInteger crlNumber;
    BigInteger deltaBase;
    byte[] authorityKeyId;
    byte[] issuingDistributionPoint;

    /** Reads the {@code [0] EXPLICIT Extensions} content ending at {@code end}. */
    void read(DerInput d, long end) throws CrlParseException {
        long listEnd = d.expect(DerInput.SEQUENCE, end);
        ExtensionReader ext = new ExtensionReader();
        while (ext.next(d, listEnd)) {
            if (ext.is(ExtensionReader.CRL_NUMBER)) {
                crlNumber = once(crlNumber, nonNegative(d, StreamingCrlParser.integer(d, ext.valueEnd, MAX_NUMBER)), d);
            } else if (ext.is(ExtensionReader.DELTA_CRL_INDICATOR)) {
                deltaBase = once(deltaBase, nonNegative(d, StreamingCrlParser.integer(d, ext.valueEnd, MAX_NUMBER)), d);
            } else if (ext.is(ExtensionReader.AUTHORITY_KEY_ID)) {
                authorityKeyId = once(authorityKeyId, keyIdentifier(d, ext.valueEnd), d);
            } else if (ext.is(ExtensionReader.ISSUING_DISTRIBUTION_POINT)) {
                issuingDistributionPoint = once(issuingDistributionPoint, d.readContent(ext.valueEnd, MAX_RAW), d);
            } else {
                ext.skipUnknown(d);
                continue;
            }
            d.requireAt(ext.valueEnd, "extension value");
            ext.finish(d);
        }
        d.requireAt(end, "crlExtensions");
    }

    /** AuthorityKeyIdentifier ::= SEQUENCE { keyIdentifier [0] KeyIdentifier OPTIONAL, ... } */
    private static byte[] keyIdentifier(DerInput d, long valueEnd) throws CrlParseException {
        long seqEnd = d.expect(DerInput.SEQUENCE, valueEnd);
        byte[] id = new byte[0];
        if (d.peekTag(seqEnd) == 0x80) {
            id = d.readContent(d.expect(0x80, seqEnd), 256);
        }
        d.skipTo(seqEnd);
        return id;
    }

    private static BigInteger nonNegative(DerInput d, BigInteger v) throws CrlParseException {
        if (v.signum() < 0) {
            throw d.error(Kind.MALFORMED, "negative CRL number");
        }
        return v;
    }

    private static <T> T once(T previous, T value, DerInput d) throws CrlParseException {
        if (previous != null) {
            throw d.error(Kind.MALFORMED, "extension appears twice");
        }
        return value;
    }
}
