package jp.jpkigate.revocation.crl;

import java.io.IOException;
import java.io.InputStream;
import java.security.Signature;
import java.security.SignatureException;
import java.util.Arrays;
import jp.jpkigate.revocation.crl.CrlParseException.Kind;

/**
 * Minimal forward-only DER reader over an {@link InputStream} with its own buffer (X.690 section
 * 10: definite lengths only, minimal length encoding, low tag numbers). Every length is checked
 * against the end of the enclosing element before anything is allocated, so a lying length can at
 * most make the reader wait for bytes that never come and then fail with TRUNCATED; any
 * allocation is capped by the caller.
 *
 * <p>A "tee" copies every consumed byte between {@link #startTee()} and {@link #stopTee()} into a
 * {@link Signature}, in buffer-sized chunks; until the signature is known, into a small pending
 * array (the TBSCertList's version and AlgorithmIdentifier, a few dozen bytes).
 */
final class DerInput {
    static final int SEQUENCE = 0x30;
    static final int INTEGER = 0x02;
    static final int BIT_STRING = 0x03;
    static final int OCTET_STRING = 0x04;
    static final int OID = 0x06;
    static final int ENUMERATED = 0x0A;
    static final int BOOLEAN = 0x01;
    static final int UTC_TIME = 0x17;
    static final int GENERALIZED_TIME = 0x18;

    private static final int MAX_PENDING = 4096;

    private final InputStream in;
    private final byte[] buf;
    private int pos;
    private int lim;
    private long base;
    private boolean tee;
    private int teeFrom;
    private Signature sink;
    private byte[] pending;
    private int pendingLen;

    DerInput(InputStream in, int bufferSize) {
        this.in = in;
        this.buf = new byte[bufferSize];
    }

    /** Absolute stream offset of the next byte. */
    long position() {
        return base + pos;
    }

    CrlParseException error(Kind kind, String message) {
        return new CrlParseException(kind, message, position());
    }

    /** Tag of the next element, or -1 if the enclosing element ends at {@code end}. */
    int peekTag(long end) throws CrlParseException {
        if (position() >= end) {
            return -1;
        }
        ensure();
        return buf[pos] & 0xFF;
    }

    /** Reads a header with tag {@code tag}; returns the absolute end of its content. */
    long expect(int tag, long end) throws CrlParseException {
        if (position() >= end) {
            throw error(Kind.MALFORMED, "missing element 0x" + Integer.toHexString(tag));
        }
        int t = readByte();
        if (t != tag) {
            throw error(Kind.MALFORMED, "expected tag 0x" + Integer.toHexString(tag) + ", got 0x"
                    + Integer.toHexString(t));
        }
        long len = readLength();
        long contentEnd = position() + len;
        if (contentEnd > end) {
            throw error(Kind.TOO_LARGE, "length " + len + " exceeds enclosing element");
        }
        return contentEnd;
    }

    private long readLength() throws CrlParseException {
        int first = readByte();
        if (first < 0x80) {
            return first;
        }
        int n = first & 0x7F;
        if (n == 0) {
            throw error(Kind.MALFORMED, "indefinite length is not DER");
        }
        if (n > 4) {
            throw error(Kind.TOO_LARGE, "length of " + n + " octets");
        }
        long len = 0;
        for (int i = 0; i < n; i++) {
            len = (len << 8) | readByte();
        }
        if (len < 0x80 || len < (1L << (8 * (n - 1)))) {
            throw error(Kind.MALFORMED, "non-minimal length encoding");
        }
        return len;
    }

    /** Reads the content up to {@code end} (at most {@code cap} bytes) into a new array. */
    byte[] readContent(long end, int cap) throws CrlParseException {
        long len = end - position();
        if (len > cap) {
            throw error(Kind.TOO_LARGE, "field of " + len + " bytes, cap " + cap);
        }
        byte[] out = new byte[(int) len];
        read(out, 0, out.length);
        return out;
    }

    /** Reads {@code len} bytes into {@code dst}. */
    void read(byte[] dst, int off, int len) throws CrlParseException {
        while (len > 0) {
            ensure();
            int n = Math.min(len, lim - pos);
            System.arraycopy(buf, pos, dst, off, n);
            pos += n;
            off += n;
            len -= n;
        }
    }

    /** Skips to {@code end} (still feeding the tee). */
    void skipTo(long end) throws CrlParseException {
        long left = end - position();
        while (left > 0) {
            ensure();
            int n = (int) Math.min(left, lim - pos);
            pos += n;
            left -= n;
        }
    }

    int readByte() throws CrlParseException {
        ensure();
        return buf[pos++] & 0xFF;
    }

    /** Fails unless the element ends exactly here. */
    void requireAt(long end, String what) throws CrlParseException {
        if (position() != end) {
            throw error(Kind.MALFORMED, "trailing data in " + what);
        }
    }

    /** Fails unless the stream has no byte left. */
    void requireEof() throws CrlParseException {
        if (pos < lim) {
            throw error(Kind.MALFORMED, "data after the CertificateList");
        }
        try {
            if (in.read() >= 0) {
                throw error(Kind.MALFORMED, "data after the CertificateList");
            }
        } catch (IOException e) {
            throw new CrlParseException(Kind.IO, e.toString(), position(), e);
        }
    }

    void startTee() {
        tee = true;
        teeFrom = pos;
        pending = new byte[256];
        pendingLen = 0;
    }

    /** From now on the tee feeds {@code signature}, starting with what was pending. */
    void teeTo(Signature signature) throws CrlParseException {
        flushTee();
        try {
            signature.update(pending, 0, pendingLen);
        } catch (SignatureException e) {
            throw new CrlParseException(Kind.UNSUPPORTED, "signature not initialised", position(), e);
        }
        pending = null;
        sink = signature;
    }

    /** The signature the tee fed (null before {@link #teeTo}). */
    Signature teeSink() {
        return sink;
    }

    void stopTee() throws CrlParseException {
        flushTee();
        tee = false;
    }

    private void flushTee() throws CrlParseException {
        if (!tee || pos == teeFrom) {
            return;
        }
        int n = pos - teeFrom;
        if (sink != null) {
            try {
                sink.update(buf, teeFrom, n);
            } catch (SignatureException e) {
                throw new CrlParseException(Kind.UNSUPPORTED, "signature update failed", position(), e);
            }
        } else {
            if (pendingLen + n > MAX_PENDING) {
                throw error(Kind.TOO_LARGE, "TBSCertList prefix before the signature algorithm");
            }
            if (pendingLen + n > pending.length) {
                pending = Arrays.copyOf(pending, Math.max(pendingLen + n, pending.length * 2));
            }
            System.arraycopy(buf, teeFrom, pending, pendingLen, n);
            pendingLen += n;
        }
        teeFrom = pos;
    }

    private void ensure() throws CrlParseException {
        if (pos < lim) {
            return;
        }
        flushTee();
        base += lim;
        pos = 0;
        lim = 0;
        teeFrom = 0;
        int n;
        try {
            do {
                n = in.read(buf, 0, buf.length);
            } while (n == 0);
        } catch (IOException e) {
            throw new CrlParseException(Kind.IO, e.toString(), base, e);
        }
        if (n < 0) {
            throw new CrlParseException(Kind.TRUNCATED, "unexpected end of stream", base);
        }
        lim = n;
    }
}
