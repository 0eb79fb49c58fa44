package jp.jpkigate.idp.mtls;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the client certificate a TLS proxy forwards in a request header, in either form:
 * <ul>
 *   <li>RFC 9440 §2.2 {@code Client-Cert}: a Structured Field Byte Sequence (RFC 8941 §3.3.5),
 *       {@code :<base64 of the DER>:}; parameters after it are ignored;</li>
 *   <li>a URL-encoded PEM certificate, as nginx's {@code $ssl_client_escaped_cert} (and AWS ALB's
 *       {@code X-Amzn-Mtls-Clientcert}) send it; further PEM certificates after the first are the
 *       chain.</li>
 * </ul>
 * Anything else, a value over 16 KiB, or bytes that are not exactly one DER certificate, is
 * {@link MalformedClientCertificateException}; nothing else is thrown. Plain Java, no I/O.
 */
public final class ClientCertificateHeader {
    static final int MAX_CHARS = 16 * 1024;
    private static final int MAX_CERTIFICATES = 8;
    private static final Pattern BYTE_SEQUENCE = Pattern.compile(
            ":([A-Za-z0-9+/]*={0,2}):((?:;[a-z*][a-z0-9_.*-]*(?:=[^;]*)?)*)");
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\\s]*)-----END CERTIFICATE-----");

    private ClientCertificateHeader() {
    }

    /** The certificate (and chain) in a header value. */
    public static ClientCertificate parse(String value) throws MalformedClientCertificateException {
        if (value == null || value.length() > MAX_CHARS) {
            throw malformed("missing or too long");
        }
        String trimmed = value.strip();
        List<X509Certificate> certificates = trimmed.startsWith(":") ? List.of(certificate(byteSequence(trimmed)))
                : pem(percentDecode(trimmed));
        return new ClientCertificate(certificates.get(0), certificates.subList(1, certificates.size()));
    }

    private static byte[] byteSequence(String value) throws MalformedClientCertificateException {
        Matcher m = BYTE_SEQUENCE.matcher(value);
        if (!m.matches()) {
            throw malformed("not an RFC 9440 byte sequence");
        }
        return base64(m.group(1));
    }

    private static List<X509Certificate> pem(String text) throws MalformedClientCertificateException {
        List<X509Certificate> certificates = new ArrayList<>();
        Matcher m = PEM.matcher(text);
        int end = 0;
        while (m.find()) {
            if (!text.substring(end, m.start()).isBlank() || certificates.size() == MAX_CERTIFICATES) {
                throw malformed("not PEM certificates");
            }
            certificates.add(certificate(base64(m.group(1).replaceAll("\\s", ""))));
            end = m.end();
        }
        if (certificates.isEmpty() || !text.substring(end).isBlank()) {
            throw malformed("not a PEM certificate");
        }
        return certificates;
    }

    /** %XX escapes only: a '+' stays a '+' (it is a base64 character, not a space). */
    private static String percentDecode(String text) throws MalformedClientCertificateException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                int hi = i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
                int lo = i + 2 < text.length() ? Character.digit(text.charAt(i + 2), 16) : -1;
                if (hi < 0 || lo < 0) {
                    throw malformed("bad percent-encoding");
                }
                out.write(hi << 4 | lo);
                i += 2;
            } else if (c < 0x80) {
                out.write(c);
            } else {
                throw malformed("not ASCII");
            }
        }
        return out.toString(StandardCharsets.US_ASCII);
    }

    private static byte[] base64(String text) throws MalformedClientCertificateException {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw malformed("bad base64");
        }
    }

    /** Exactly one DER certificate: re-encoding must give back the same bytes. */
    private static X509Certificate certificate(byte[] der) throws MalformedClientCertificateException {
        if (der.length == 0 || der[0] != 0x30) {
            throw malformed("not a DER certificate");
        }
        try {
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
            if (!Arrays.equals(certificate.getEncoded(), der)) {
                throw malformed("not exactly one DER certificate");
            }
            return certificate;
        } catch (CertificateException | RuntimeException e) {
            throw malformed("not a DER certificate");
        }
    }

    private static MalformedClientCertificateException malformed(String what) {
        return new MalformedClientCertificateException("malformed client certificate header: " + what);
    }
}
