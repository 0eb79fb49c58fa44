package jp.jpkigate.revocation.web;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;

/**
 * What the validity check needs from a DER certificate, the serial number and the AuthorityKeyIdentifier
 * keyIdentifier (RFC 5280 4.1.2.2 / 4.2.1.1), found by a strict DER walk instead of a full
 * {@link CertificateFactory} decode (which costs several microseconds a certificate and dominated batch
 * checks). The walk refuses anything that is not exactly one DER X.509 certificate:
 * <ul>
 * <li>every TLV has a definite, minimally encoded length that fits its parent, and every constructed
 * value (at any depth) is itself a sequence of well-formed TLVs; nothing follows the certificate;</li>
 * <li>the RFC 5280 4.1 shape: Certificate = SEQUENCE {tbsCertificate, AlgorithmIdentifier, BIT STRING};
 * TBSCertificate = SEQUENCE {[0] version (0..2)?, INTEGER serial (minimally encoded), AlgorithmIdentifier, Name, Validity {Time, Time}, Name, SubjectPublicKeyInfo
 * {AlgorithmIdentifier, BIT STRING}, [1]? [2]? (v2+), [3] Extensions (v3 only)}; OIDs, BOOLEANs, BIT
 * STRINGs and the two Time types well-formed; Names are SEQUENCE OF SET OF SEQUENCE {OID, value};</li>
 * <li>the signature AlgorithmIdentifier inside the TBSCertificate is the same as the outer one;</li>
 * <li>each Extension is SEQUENCE {OID, BOOLEAN?, OCTET STRING}, no OID twice; the AuthorityKeyIdentifier
 * value is a well-formed SEQUENCE (a malformed one is refused when critical, and otherwise ignored: no
 * issuer, as the JDK's parser and Bouncy Castle treat it).</li>
 * </ul>
 * It does not decode the public key, nor the content of extensions other than the AuthorityKeyIdentifier.
 * {@link #toX509Certificate} does the full JDK decode, for the rare path that needs a certificate
 * object (OCSP fallback). A property test checks, on valid and mutated certificates, that whatever
 * the walk accepts the JDK accepts too, with the same serial and key identifier.
 */
final class CertificateDer {
    private static final int SEQUENCE = 0x30;
    private static final int SET = 0x31;
    private static final int INTEGER = 0x02;
    private static final int BIT_STRING = 0x03;
    private static final int OCTET_STRING = 0x04;
    private static final int BOOLEAN = 0x01;
    private static final int OID = 0x06;
    private static final int UTC_TIME = 0x17;
    private static final int GENERALIZED_TIME = 0x18;
    private static final int MAX_DEPTH = 32;
    /** id-ce-authorityKeyIdentifier 2.5.29.35 */
    private static final byte[] AKI_OID = {0x55, 0x1d, 0x23};

    final byte[] der;
    final BigInteger serial;
    /** The AuthorityKeyIdentifier keyIdentifier, null when absent, empty or unusable. */
    final byte[] authorityKeyId;

    private CertificateDer(byte[] der, BigInteger serial, byte[] authorityKeyId) {
        this.der = der;
        this.serial = serial;
        this.authorityKeyId = authorityKeyId;
    }

    /** Not one well-formed DER certificate. */
    static final class Malformed extends Exception {
        Malformed(String what) {
            super(what, null, false, false);
        }
    }

    /** Walks {@code der}; {@link Malformed} when it is not exactly one DER X.509 certificate. */
    static CertificateDer parse(byte[] der) throws Malformed {
        Reader top = new Reader(der, 0, der.length);
        int certEnd = top.expect(SEQUENCE);
        if (certEnd != der.length) {
            throw new Malformed("data after the certificate");
        }
        // Every TLV is checked as it is read; what the walk passes over whole (algorithm parameters,
        // attribute values) is checked by wellFormed. Depths count from the certificate's content (0).
        Reader cert = new Reader(der, top.pos, certEnd);
        int tbsEnd = cert.expect(SEQUENCE);
        Reader tbs = new Reader(der, cert.pos, tbsEnd);
        cert.pos = tbsEnd;
        int outerAlgorithm = cert.pos;
        algorithmIdentifier(cert, 0);
        int outerAlgorithmEnd = cert.pos;
        bitString(cert);
        cert.done();

        int version = 0;
        if (tbs.peek() == 0xA0) {
            int end = tbs.expect(0xA0);
            Reader v = new Reader(der, tbs.pos, end);
            int intEnd = v.expect(INTEGER);
            minimalInteger(der, v.pos, intEnd);
            // Minimally encoded, a value from 0 to 2 is one octet.
            if (intEnd - v.pos != 1 || der[v.pos] < 0 || der[v.pos] > 2) {
                throw new Malformed("version");
            }
            version = der[v.pos];
            v.pos = intEnd;
            v.done();
            tbs.pos = end;
        }
        int serialEnd = tbs.expect(INTEGER);
        BigInteger serial = integer(der, tbs.pos, serialEnd);
        tbs.pos = serialEnd;
        int innerAlgorithm = tbs.pos;
        algorithmIdentifier(tbs, 1);
        if (!same(der, innerAlgorithm, tbs.pos, der, outerAlgorithm, outerAlgorithmEnd)) {
            throw new Malformed("signature algorithm mismatch");
        }
        name(tbs);
        int validityEnd = tbs.expect(SEQUENCE);
        Reader validity = new Reader(der, tbs.pos, validityEnd);
        time(validity);
        time(validity);
        validity.done();
        tbs.pos = validityEnd;
        name(tbs);
        int spkiEnd = tbs.expect(SEQUENCE);
        Reader spki = new Reader(der, tbs.pos, spkiEnd);
        int keyAlgorithm = spki.pos;
        algorithmIdentifier(spki, 2);
        int keyAlgorithmEnd = spki.pos;
        bitString(spki);
        spki.done();
        publicKey(der, keyAlgorithm, keyAlgorithmEnd, spkiEnd);
        tbs.pos = spkiEnd;
        for (int tag : new int[] {0x81, 0x82}) {
            if (tbs.more() && tbs.peek() == tag) {
                if (version < 1) {
                    throw new Malformed("unique id in a v1 certificate");
                }
                int end = tbs.expect(tag);
                if (end == tbs.pos || (der[tbs.pos] & 0xff) > 7) {
                    throw new Malformed("unique id bit string");
                }
                tbs.pos = end;
            }
        }
        byte[] keyId = null;
        if (tbs.more() && tbs.peek() == 0xA3) {
            if (version != 2) {
                throw new Malformed("extensions in a v1 or v2 certificate");
            }
            int end = tbs.expect(0xA3);
            Reader wrapper = new Reader(der, tbs.pos, end);
            int seqEnd = wrapper.expect(SEQUENCE);
            keyId = extensions(new Reader(der, wrapper.pos, seqEnd));
            wrapper.pos = seqEnd;
            wrapper.done();
            tbs.pos = end;
        }
        tbs.done();
        return new CertificateDer(der, serial, keyId);
    }

    /** The full JDK decode of the same bytes (the OCSP fallback needs a certificate object). */
    static X509Certificate toX509Certificate(byte[] der) throws CertificateException {
        X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
        if (!Arrays.equals(certificate.getEncoded(), der)) {
            throw new CertificateException("not exactly one DER certificate");
        }
        return certificate;
    }

    private static byte[] extensions(Reader exts) throws Malformed {
        if (!exts.more()) {
            throw new Malformed("empty extensions");
        }
        byte[] keyId = null;
        int seen = 0;
        int[] oidStarts = new int[16];
        int[] oidEnds = new int[16];
        byte[] der = exts.der;
        while (exts.more()) {
            int extEnd = exts.expect(SEQUENCE);
            Reader ext = new Reader(der, exts.pos, extEnd);
            int oidEnd = ext.expect(OID);
            int oidStart = ext.pos;
            oid(der, oidStart, oidEnd);
            for (int i = 0; i < seen; i++) {
                // The last octet first: extension OIDs mostly differ there (2.5.29.x).
                if (der[oidEnds[i] - 1] == der[oidEnd - 1] && same(der, oidStarts[i], oidEnds[i], der, oidStart, oidEnd)) {
                    throw new Malformed("duplicate extension");
                }
            }
            if (seen == oidStarts.length) {
                oidStarts = Arrays.copyOf(oidStarts, seen * 2);
                oidEnds = Arrays.copyOf(oidEnds, seen * 2);
            }
            oidStarts[seen] = oidStart;
            oidEnds[seen++] = oidEnd;
            ext.pos = oidEnd;
            boolean critical = false;
            if (ext.peek() == BOOLEAN) {
                int end = ext.expect(BOOLEAN);
                if (end - ext.pos != 1 || (der[ext.pos] != 0 && der[ext.pos] != (byte) 0xff)) {
                    throw new Malformed("boolean");
                }
                critical = der[ext.pos] != 0;
                ext.pos = end;
            }
            int valueEnd = ext.expect(OCTET_STRING);
            int valueStart = ext.pos;
            ext.pos = valueEnd;
            ext.done();
            exts.pos = extEnd;
            if (same(der, oidStart, oidEnd, AKI_OID, 0, AKI_OID.length)) {
                try {
                    keyId = authorityKeyId(der, valueStart, valueEnd);
                } catch (Malformed e) {
                    if (critical) {
                        throw e;
                    }
                    keyId = null;
                }
            }
        }
        return keyId;
    }

    /** AuthorityKeyIdentifier ::= SEQUENCE { keyIdentifier [0] IMPLICIT OCTET STRING OPTIONAL, [1] ..., [2] ... } */
    private static byte[] authorityKeyId(byte[] der, int start, int end) throws Malformed {
        Reader value = new Reader(der, start, end);
        int seqEnd = value.expect(SEQUENCE);
        wellFormed(der, value.pos, seqEnd, 0);
        Reader aki = new Reader(der, value.pos, seqEnd);
        value.pos = seqEnd;
        value.done();
        byte[] keyId = null;
        int last = -1;
        while (aki.more()) {
            int tag = aki.peek();
            int order = switch (tag) {
                case 0x80 -> 0;
                case 0xA1 -> 1;
                case 0x82 -> 2;
                default -> throw new Malformed("authority key identifier member");
            };
            if (order <= last) {
                throw new Malformed("authority key identifier order");
            }
            last = order;
            int memberEnd = aki.expect(tag);
            if (tag == 0x80) {
                keyId = Arrays.copyOfRange(der, aki.pos, memberEnd);
            }
            aki.pos = memberEnd;
        }
        return keyId == null || keyId.length == 0 || keyId.length > 64 ? null : keyId;
    }

    /** rsaEncryption 1.2.840.113549.1.1.1 */
    private static final byte[] RSA_OID = {0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01};
    /** id-ecPublicKey 1.2.840.10045.2.1 */
    private static final byte[] EC_OID = {0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};

    /**
     * The key's shape, for the two key types JPKI uses: RSAPublicKey ::= SEQUENCE {modulus, exponent}
     * with positive minimal INTEGERs (RFC 8017 A.1.1), an EC point uncompressed (0x04, X, Y of equal
     * length; RFC 5480 2.2) with a named curve. Other algorithms are opaque, as in the JDK.
     */
    private static void publicKey(byte[] der, int algorithm, int algorithmEnd, int spkiEnd) throws Malformed {
        Reader outer = new Reader(der, algorithm, algorithmEnd);
        Reader alg = new Reader(der, 0, outer.expect(SEQUENCE));
        alg.pos = outer.pos;
        int oidEnd = alg.expect(OID);
        int oidStart = alg.pos;
        alg.pos = oidEnd;
        Reader key = new Reader(der, algorithmEnd, spkiEnd);
        int keyEnd = key.expect(BIT_STRING);
        int unusedBits = der[key.pos];
        int keyStart = key.pos + 1;
        if (same(der, oidStart, oidEnd, RSA_OID, 0, RSA_OID.length)) {
            if (unusedBits != 0) {
                throw new Malformed("rsa key bits");
            }
            Reader rsa = new Reader(der, keyStart, keyEnd);
            int seqEnd = rsa.expect(SEQUENCE);
            Reader numbers = new Reader(der, rsa.pos, seqEnd);
            rsa.pos = seqEnd;
            rsa.done();
            for (int i = 0; i < 2; i++) {
                int end = numbers.expect(INTEGER);
                positiveInteger(der, numbers.pos, end);
                numbers.pos = end;
            }
            numbers.done();
        } else if (same(der, oidStart, oidEnd, EC_OID, 0, EC_OID.length)) {
            alg.pos = alg.expect(OID);
            alg.done();
            int length = keyEnd - keyStart;
            if (unusedBits != 0 || length < 3 || length % 2 == 0 || der[keyStart] != 0x04) {
                throw new Malformed("ec point");
            }
        }
    }

    /** AlgorithmIdentifier ::= SEQUENCE { OBJECT IDENTIFIER, ANY OPTIONAL }, itself at {@code depth}. */
    private static void algorithmIdentifier(Reader parent, int depth) throws Malformed {
        int end = parent.expect(SEQUENCE);
        Reader alg = new Reader(parent.der, parent.pos, end);
        int oidEnd = alg.expect(OID);
        oid(parent.der, alg.pos, oidEnd);
        alg.pos = oidEnd;
        if (alg.more()) {
            alg.skipWellFormed(depth + 1);
        }
        alg.done();
        parent.pos = end;
    }

    /** Name ::= SEQUENCE OF SET OF SEQUENCE { OBJECT IDENTIFIER, ANY }, in the TBSCertificate (depth 1). */
    private static void name(Reader parent) throws Malformed {
        int end = parent.expect(SEQUENCE);
        Reader rdns = new Reader(parent.der, parent.pos, end);
        while (rdns.more()) {
            int setEnd = rdns.expect(SET);
            Reader set = new Reader(parent.der, rdns.pos, setEnd);
            if (!set.more()) {
                throw new Malformed("empty relative distinguished name");
            }
            while (set.more()) {
                int avaEnd = set.expect(SEQUENCE);
                Reader ava = new Reader(parent.der, set.pos, avaEnd);
                int oidEnd = ava.expect(OID);
                oid(parent.der, ava.pos, oidEnd);
                ava.pos = oidEnd;
                ava.skipWellFormed(4);
                ava.done();
                set.pos = avaEnd;
            }
            rdns.pos = setEnd;
        }
        parent.pos = end;
    }

    private static void bitString(Reader parent) throws Malformed {
        int end = parent.expect(BIT_STRING);
        if (end == parent.pos || (parent.der[parent.pos] & 0xff) > 7
                || (end - parent.pos == 1 && parent.der[parent.pos] != 0)) {
            throw new Malformed("bit string");
        }
        parent.pos = end;
    }

    /** UTCTime YYMMDDHHMMSSZ or GeneralizedTime YYYYMMDDHHMMSS[.f*]Z, digits where digits belong. */
    private static void time(Reader parent) throws Malformed {
        int tag = parent.peek();
        if (tag != UTC_TIME && tag != GENERALIZED_TIME) {
            throw new Malformed("time");
        }
        int end = parent.expect(tag);
        int digits = tag == UTC_TIME ? 12 : 14;
        byte[] der = parent.der;
        int p = parent.pos;
        if (end - p < digits + 1 || der[end - 1] != 'Z') {
            throw new Malformed("time");
        }
        for (int i = 0; i < digits; i++) {
            if (der[p + i] < '0' || der[p + i] > '9') {
                throw new Malformed("time");
            }
        }
        int rest = p + digits;
        if (rest != end - 1) {
            if (tag == UTC_TIME || der[rest] != '.' || rest + 1 == end - 1) {
                throw new Malformed("time");
            }
            for (int i = rest + 1; i < end - 1; i++) {
                if (der[i] < '0' || der[i] > '9') {
                    throw new Malformed("time");
                }
            }
        }
        int monthAt = p + (tag == UTC_TIME ? 2 : 4);
        int month = (der[monthAt] - '0') * 10 + der[monthAt + 1] - '0';
        int day = (der[monthAt + 2] - '0') * 10 + der[monthAt + 3] - '0';
        int hour = (der[monthAt + 4] - '0') * 10 + der[monthAt + 5] - '0';
        int minute = (der[monthAt + 6] - '0') * 10 + der[monthAt + 7] - '0';
        int second = (der[monthAt + 8] - '0') * 10 + der[monthAt + 9] - '0';
        if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) {
            throw new Malformed("time");
        }
        parent.pos = end;
    }

    /** A minimally encoded INTEGER of at least one octet. */
    private static BigInteger integer(byte[] der, int start, int end) throws Malformed {
        minimalInteger(der, start, end);
        return new BigInteger(der, start, end - start);
    }

    private static void minimalInteger(byte[] der, int start, int end) throws Malformed {
        int len = end - start;
        if (len == 0) {
            throw new Malformed("empty integer");
        }
        if (len > 1 && ((der[start] == 0 && der[start + 1] >= 0) || (der[start] == (byte) 0xff && der[start + 1] < 0))) {
            throw new Malformed("integer with redundant leading octets");
        }
    }

    /** A minimally encoded INTEGER greater than zero (no BigInteger built: a modulus is 256 octets). */
    private static void positiveInteger(byte[] der, int start, int end) throws Malformed {
        int len = end - start;
        if (len == 0 || der[start] < 0 || (len > 1 && der[start] == 0 && der[start + 1] >= 0)
                || (len == 1 && der[start] == 0)) {
            throw new Malformed("not a positive minimal integer");
        }
    }

    /**
     * {@code Arrays.equals} of two ranges, by a plain loop: the ranges compared here (OIDs, algorithm
     * identifiers) are a few octets, where the general method's setup costs more than the comparison.
     */
    private static boolean same(byte[] a, int aStart, int aEnd, byte[] b, int bStart, int bEnd) {
        if (aEnd - aStart != bEnd - bStart) {
            return false;
        }
        for (int i = aStart, j = bStart; i < aEnd; i++, j++) {
            if (a[i] != b[j]) {
                return false;
            }
        }
        return true;
    }

    /** At least one subidentifier, each minimally encoded, the last one complete. */
    private static void oid(byte[] der, int start, int end) throws Malformed {
        if (start == end || (der[end - 1] & 0x80) != 0) {
            throw new Malformed("object identifier");
        }
        // A subidentifier starts at the start or after an octet without the continuation bit.
        if (der[start] == (byte) 0x80) {
            throw new Malformed("object identifier");
        }
        for (int i = start + 1; i < end; i++) {
            if (der[i] == (byte) 0x80 && der[i - 1] >= 0) {
                throw new Malformed("object identifier");
            }
        }
    }

    /**
     * Every TLV in [start, end) is well-formed, recursively into constructed values ({@code depth}: that
     * of the values in [start, end); a constructed value deeper than {@link #MAX_DEPTH} is refused). One
     * cursor descends and climbs back, the ends of the enclosing values on a stack.
     */
    private static void wellFormed(byte[] der, int start, int end, int depth) throws Malformed {
        if (depth > MAX_DEPTH) {
            throw new Malformed("nested too deeply");
        }
        int[] enclosing = new int[MAX_DEPTH + 1];
        int level = depth;
        Reader r = new Reader(der, start, end);
        while (true) {
            while (r.pos == r.end && level > depth) {
                r.end = enclosing[--level];
            }
            if (!r.more()) {
                return;
            }
            int tag = r.peek();
            int contentEnd = r.expect(tag);
            if ((tag & 0x20) == 0) {
                r.pos = contentEnd;
            } else if (level == MAX_DEPTH) {
                throw new Malformed("nested too deeply");
            } else {
                enclosing[level++] = r.end;
                r.end = contentEnd;
            }
        }
    }

    /** A cursor over [pos, end): {@link #expect} reads a tag and a length and leaves pos at the content. */
    private static final class Reader {
        final byte[] der;
        int pos;
        int end;

        Reader(byte[] der, int pos, int end) {
            this.der = der;
            this.pos = pos;
            this.end = end;
        }

        boolean more() {
            return pos < end;
        }

        int peek() throws Malformed {
            if (pos >= end) {
                throw new Malformed("truncated");
            }
            return der[pos] & 0xff;
        }

        /** Reads the identifier (must be {@code tag}, single octet) and length; returns the end of the content. */
        int expect(int tag) throws Malformed {
            if (peek() != tag || (tag & 0x1f) == 0x1f) {
                throw new Malformed("unexpected tag");
            }
            pos++;
            if (pos >= end) {
                throw new Malformed("truncated");
            }
            int first = der[pos++] & 0xff;
            int length;
            if (first < 0x80) {
                length = first;
            } else {
                int octets = first & 0x7f;
                if (octets == 0 || octets > 4 || end - pos < octets || der[pos] == 0) {
                    throw new Malformed("length");
                }
                long value = 0;
                for (int i = 0; i < octets; i++) {
                    value = (value << 8) | (der[pos++] & 0xff);
                }
                if (value < 0x80 || value > Integer.MAX_VALUE) {
                    throw new Malformed("length");
                }
                length = (int) value;
            }
            if (length > end - pos) {
                throw new Malformed("truncated");
            }
            return pos + length;
        }

        /** Reads past a TLV at {@code depth}; its content, when constructed, must be well-formed too. */
        void skipWellFormed(int depth) throws Malformed {
            int tag = peek();
            if ((tag & 0x1f) == 0x1f) {
                throw new Malformed("high tag number");
            }
            int contentEnd = expect(tag);
            if ((tag & 0x20) != 0) {
                wellFormed(der, pos, contentEnd, depth + 1);
            }
            pos = contentEnd;
        }

        void done() throws Malformed {
            if (pos != end) {
                throw new Malformed("trailing data");
            }
        }
    }
}
