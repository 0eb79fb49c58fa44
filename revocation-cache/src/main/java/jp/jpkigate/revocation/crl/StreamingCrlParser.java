package jp.jpkigate.revocation.crl;

import java.io.InputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.time.Instant;
import java.util.Arrays;
import jp.jpkigate.revocation.crl.CrlParseException.Kind;
import jp.jpkigate.revocation.index.CrlReason;

/**
 * Streams an X.509 CRL (RFC 5280 section 5.1) in one pass with constant memory:
 * <pre>
 * CertificateList  ::=  SEQUENCE  {
 *      tbsCertList          TBSCertList,
 *      signatureAlgorithm   AlgorithmIdentifier,
 *      signatureValue       BIT STRING  }
 * TBSCertList  ::=  SEQUENCE  {
 *      version                 Version OPTIONAL, -- if present, MUST be v2
 *      signature               AlgorithmIdentifier,
 *      issuer                  Name,
 *      thisUpdate              Time,
 *      nextUpdate              Time OPTIONAL,
 *      revokedCertificates     SEQUENCE OF SEQUENCE  {
 *           userCertificate         CertificateSerialNumber,
 *           revocationDate          Time,
 *           crlEntryExtensions      Extensions OPTIONAL }  OPTIONAL,
 *      crlExtensions           [0]  EXPLICIT Extensions OPTIONAL }
 * </pre>
 * Entries go to a {@link CrlEntryHandler} without creating an object per entry. The TBSCertList
 * bytes are fed to a {@link Signature} for the issuer's key while they stream; a signature that
 * does not verify is reported (BAD_SIGNATURE) only after the last byte. Section 5.2 / 5.3: "If a
 * CRL contains a critical extension that the application cannot process, then the application
 * MUST NOT use that CRL" - such a CRL fails with UNSUPPORTED. Every other problem with the input
 * is a {@link CrlParseException}. Thread-safe (no state between calls).
 */
public final class StreamingCrlParser {
    /** 4 GiB: the largest content a 4-octet DER length can announce. */
    public static final long DEFAULT_MAX_BYTES = 0xFFFF_FFFFL + 6;
    private static final int MAX_SERIAL = 64;
    private static final int MAX_FIELD = 64 * 1024;
    private static final int MAX_SIGNATURE = 16 * 1024;

    private final long maxBytes;
    private final int bufferSize;

    public StreamingCrlParser() {
        this(DEFAULT_MAX_BYTES, 64 * 1024);
    }

    /** @param maxBytes largest accepted CRL; @param bufferSize read buffer (at least 64 bytes) */
    public StreamingCrlParser(long maxBytes, int bufferSize) {
        if (maxBytes < 16 || bufferSize < 64) {
            throw new IllegalArgumentException("maxBytes >= 16, bufferSize >= 64");
        }
        this.maxBytes = maxBytes;
        this.bufferSize = bufferSize;
    }

    /**
     * Parses {@code in} to its end, verifying the signature with {@code issuerKey}.
     *
     * @return the header and extensions; entries went to {@code handler}
     * @throws CrlParseException malformed, too large, truncated, unsupported or badly signed
     */
    public CrlInfo parse(InputStream in, PublicKey issuerKey, CrlEntryHandler handler) throws CrlParseException {
        DerInput d = new DerInput(in, bufferSize);
        long outerEnd = d.expect(DerInput.SEQUENCE, maxBytes);
        d.startTee();
        long tbsEnd = d.expect(DerInput.SEQUENCE, outerEnd);
        int version = 1;
        if (d.peekTag(tbsEnd) == DerInput.INTEGER) {
            long end = d.expect(DerInput.INTEGER, tbsEnd);
            if (end - d.position() != 1 || d.readByte() != 1) {
                throw d.error(Kind.MALFORMED, "version, if present, MUST be v2");
            }
            version = 2;
        }
        byte[] algorithm = d.readContent(d.expect(DerInput.SEQUENCE, tbsEnd), 256);
        String algorithmOid = SignatureAlgorithms.oidOf(algorithm, d);
        d.teeTo(initVerify(algorithmOid, issuerKey, d));
        long issuerEnd = d.expect(DerInput.SEQUENCE, tbsEnd);
        byte[] issuer = der(DerInput.SEQUENCE, d.readContent(issuerEnd, MAX_FIELD));
        CrlTime time = new CrlTime();
        long thisUpdate = time.read(d, tbsEnd);
        Long nextUpdate = null;
        int tag = d.peekTag(tbsEnd);
        if (tag == DerInput.UTC_TIME || tag == DerInput.GENERALIZED_TIME) {
            nextUpdate = time.read(d, tbsEnd);
        }
        handler.thisUpdate(thisUpdate);
        long entries = 0;
        if (d.peekTag(tbsEnd) == DerInput.SEQUENCE) {
            long listEnd = d.expect(DerInput.SEQUENCE, tbsEnd);
            byte[] serial = new byte[MAX_SERIAL];
            EntryExtensions ext = new EntryExtensions();
            long listStart = d.position();
            while (d.position() < listEnd) {
                long entryStart = d.position();
                long entryEnd = d.expect(DerInput.SEQUENCE, listEnd);
                if (entries == 0) {
                    handler.revokedCertificates(listEnd - listStart, entryEnd - entryStart);
                }
                long serialEnd = d.expect(DerInput.INTEGER, entryEnd);
                long len = serialEnd - d.position();
                if (len < 1 || len > MAX_SERIAL) {
                    throw d.error(len < 1 ? Kind.MALFORMED : Kind.TOO_LARGE, "serial of " + len + " octets");
                }
                d.read(serial, 0, (int) len);
                long revoked = time.read(d, entryEnd);
                int reason = CrlReason.UNSPECIFIED.code();
                if (d.position() < entryEnd) {
                    if (version == 1) {
                        throw d.error(Kind.MALFORMED, "entry extensions in a v1 CRL");
                    }
                    reason = ext.readReason(d, entryEnd);
                }
                d.requireAt(entryEnd, "revoked certificate entry");
                handler.entry(serial, 0, (int) len, revoked, reason);
                entries++;
            }
        }
        CrlExtensions crlExt = new CrlExtensions();
        if (d.peekTag(tbsEnd) == 0xA0) {
            if (version == 1) {
                throw d.error(Kind.MALFORMED, "crlExtensions in a v1 CRL");
            }
            crlExt.read(d, d.expect(0xA0, tbsEnd));
        }
        d.requireAt(tbsEnd, "TBSCertList");
        d.stopTee();
        Signature signature = d.teeSink();
        byte[] outerAlgorithm = d.readContent(d.expect(DerInput.SEQUENCE, outerEnd), 256);
        if (!Arrays.equals(algorithm, outerAlgorithm)) {
            throw d.error(Kind.MALFORMED, "signatureAlgorithm differs from TBSCertList.signature");
        }
        long bitsEnd = d.expect(DerInput.BIT_STRING, outerEnd);
        if (bitsEnd == d.position() || d.readByte() != 0) {
            throw d.error(Kind.MALFORMED, "signatureValue must have 0 unused bits");
        }
        byte[] signatureValue = d.readContent(bitsEnd, MAX_SIGNATURE);
        d.requireAt(outerEnd, "CertificateList");
        d.requireEof();
        verify(signature, signatureValue, d);
        return new CrlInfo(version, algorithmOid, issuer, Instant.ofEpochSecond(thisUpdate),
                nextUpdate == null ? null : Instant.ofEpochSecond(nextUpdate), crlExt.crlNumber, crlExt.deltaBase,
                crlExt.authorityKeyId, crlExt.issuingDistributionPoint, entries);
    }

    private static Signature initVerify(String oid, PublicKey key, DerInput d) throws CrlParseException {
        String name = SignatureAlgorithms.jcaName(oid);
        if (name == null) {
            throw d.error(Kind.UNSUPPORTED, "signature algorithm " + oid);
        }
        try {
            Signature s = Signature.getInstance(name, JcaProvider.BC);
            s.initVerify(key);
            return s;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new CrlParseException(Kind.UNSUPPORTED, name + " with this key: " + e, d.position(), e);
        }
    }

    private static void verify(Signature s, byte[] value, DerInput d) throws CrlParseException {
        boolean ok;
        try {
            ok = s.verify(value);
        } catch (SignatureException | RuntimeException e) {
            ok = false;
        }
        if (!ok) {
            throw d.error(Kind.BAD_SIGNATURE, "CRL signature does not verify with the issuer key");
        }
    }

    /** Re-attaches the tag and length to content read by {@link DerInput#readContent}. */
    static byte[] der(int tag, byte[] content) {
        int n = content.length;
        int lenOctets = n < 0x80 ? 0 : n < 0x100 ? 1 : n < 0x10000 ? 2 : 3;
        byte[] out = new byte[2 + lenOctets + n];
        out[0] = (byte) tag;
        out[1] = (byte) (lenOctets == 0 ? n : 0x80 | lenOctets);
        for (int i = 0; i < lenOctets; i++) {
            out[2 + i] = (byte) (n >>> (8 * (lenOctets - 1 - i)));
        }
        System.arraycopy(content, 0, out, 2 + lenOctets, n);
        return out;
    }

    static BigInteger integer(DerInput d, long end, int cap) throws CrlParseException {
        byte[] v = d.readContent(d.expect(DerInput.INTEGER, end), cap);
        if (v.length == 0) {
            throw d.error(Kind.MALFORMED, "empty INTEGER");
        }
        return new BigInteger(v);
    }
}
