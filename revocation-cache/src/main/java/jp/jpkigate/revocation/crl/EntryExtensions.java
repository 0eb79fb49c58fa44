package jp.jpkigate.revocation.crl;

import jp.jpkigate.revocation.crl.CrlParseException.Kind;
import jp.jpkigate.revocation.index.CrlReason;

/**
 * crlEntryExtensions (RFC 5280 section 5.3): reads reasonCode (5.3.1, "CRLReason ::= ENUMERATED");
 * skips invalidityDate (5.3.2) and certificateIssuer (5.3.3, used by indirect CRLs, which JPKI
 * does not issue); refuses any other critical extension. One instance per parse, reused per entry.
 */
final class EntryExtensions {
    private final ExtensionReader ext = new ExtensionReader();

    /** Reads the Extensions of one entry ending at {@code entryEnd}; returns the reason code. */
    int readReason(DerInput d, long entryEnd) throws CrlParseException {
        long listEnd = d.expect(DerInput.SEQUENCE, entryEnd);
        int reason = CrlReason.UNSPECIFIED.code();
        boolean seen = false;
        while (ext.next(d, listEnd)) {
            if (ext.is(ExtensionReader.REASON_CODE)) {
                if (seen) {
                    throw d.error(Kind.MALFORMED, "reasonCode twice");
                }
                seen = true;
                long end = d.expect(DerInput.ENUMERATED, ext.valueEnd);
                if (end - d.position() != 1) {
                    throw d.error(Kind.MALFORMED, "reasonCode length");
                }
                reason = d.readByte();
                if (!CrlReason.isValid(reason)) {
                    throw d.error(Kind.MALFORMED, "reasonCode " + reason);
                }
                d.requireAt(ext.valueEnd, "reasonCode");
                ext.finish(d);
            } else if (ext.is(ExtensionReader.INVALIDITY_DATE) || ext.is(ExtensionReader.CERTIFICATE_ISSUER)) {
                ext.finish(d);
            } else {
                ext.skipUnknown(d);
            }
        }
        return reason;
    }
}
