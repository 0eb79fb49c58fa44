package jp.jpkigate.revocation.ocsp;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.WebClient;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * An RFC 6960 client over HTTP (appendix A.1): {@code POST} of a DER {@code application/ocsp-request}
 * with a fresh 32-byte nonce (section 4.4.1; RFC 8954 section 2.1), a timeout, and the answer checked
 * by {@link OcspResponseVerifier}. Runs on the event loop without blocking. The future fails with an
 * {@link OcspException} only.
 */
public final class OcspClient {
    /** Far above any single-certificate response (a few kB with the responder certificate). */
    static final int MAX_RESPONSE = 256 * 1024;
    private static final int NONCE_BYTES = 32;

    private final WebClient client;
    private final Clock clock;
    private final SecureRandom random;
    private final Duration timeout;
    private final OcspResponseVerifier verifier;

    public OcspClient(WebClient client, Clock clock, SecureRandom random, Duration timeout, Duration maxSkew) {
        this.client = Objects.requireNonNull(client, "client");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.verifier = new OcspResponseVerifier(maxSkew);
    }

    /** Asks the issuer's responder about one serial. */
    public Future<OcspAnswer> query(OcspIssuer issuer, BigInteger serial) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        OcspRequests.Built built = OcspRequests.build(issuer.certificate(), serial, nonce);
        byte[] body;
        try {
            body = built.request().getEncoded();
        } catch (IOException e) {
            return Future.failedFuture(new OcspException(OcspException.Kind.MALFORMED, "cannot encode the request"));
        }
        return client.postAbs(issuer.url())
                .timeout(timeout.toMillis())
                .putHeader("Content-Type", "application/ocsp-request")
                .putHeader("Accept", "application/ocsp-response")
                .sendBuffer(Buffer.buffer(body))
                .recover(e -> Future.failedFuture(new OcspException(OcspException.Kind.TRANSPORT,
                        "POST " + forLog(issuer.url()) + " failed: " + e.getMessage())))
                .compose(response -> {
                    String type = response.getHeader("Content-Type");
                    Buffer answer = response.body();
                    if (response.statusCode() != 200 || type == null
                            || !type.toLowerCase(Locale.ROOT).startsWith("application/ocsp-response")
                            || answer == null || answer.length() > MAX_RESPONSE) {
                        return Future.failedFuture(new OcspException(OcspException.Kind.TRANSPORT, "POST "
                                + forLog(issuer.url()) + " answered HTTP " + response.statusCode() + " " + type));
                    }
                    try {
                        return Future.succeededFuture(verifier.verify(answer.getBytes(), issuer.certificate(), built,
                                clock.instant()));
                    } catch (OcspException e) {
                        return Future.failedFuture(e);
                    }
                });
    }

    private static String forLog(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + uri.getPath();
    }
}
