package jp.jpkigate.idp.web;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import jp.jpkigate.idp.jpki.TrustAnchors;
import jp.jpkigate.idp.subject.CertificateId;
import jp.jpkigate.idp.subject.CertificateLinkage;
import jp.jpkigate.idp.subject.CertificateLinks;
import jp.jpkigate.idp.subject.LinkageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link CertificateLinkage} over HTTP with the Vert.x {@link WebClient} (never blocking), against a
 * service with the simulator's layout: {@code GET /ca} lists its CA generations, and
 * {@code GET /linkage/{caId}/{serial hex}} answers {@code {"predecessors": [{"ca", "serial"}, ...],
 * "companion": {"ca", "serial"} or null}} (predecessors nearest first), or 404 {@code unknown-certificate}. Trust anchor ids and the service's CA ids are
 * joined by certificate ({@link LinkageCaIds}); the CA list is fetched on first use and kept, and
 * fetched again after a failure.
 *
 * <p>Only a 404 whose problem type is {@code unknown-certificate} means "not known" ({@link CertificateLinks#NONE}).
 * Everything else fails with {@link LinkageException}: another status (a 404 from a wrong URL
 * included), a timeout, an unreadable answer, or a CA the service does not list, since a wrong
 * answer would be recorded for good. Limits: 5 s, no redirects, 256 KiB, 64 predecessors.
 */
public final class RemoteCertificateLinkage implements CertificateLinkage {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteCertificateLinkage.class);
    static final int MAX_BYTES = 256 * 1024;
    static final int MAX_PREDECESSORS = 64;
    private static final Pattern SERIAL = Pattern.compile("[0-9a-fA-F]{1,40}");

    private final WebClient web;
    private final String baseUrl;
    private final TrustAnchors anchors;
    private volatile Future<LinkageCaIds> caIds;

    /** @param baseUrl the service, e.g. {@code http://127.0.0.1:8081} (a trailing slash is ignored) */
    public RemoteCertificateLinkage(WebClient web, String baseUrl, TrustAnchors anchors) {
        this.web = Objects.requireNonNull(web, "web");
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl").replaceAll("/+$", "");
        this.anchors = Objects.requireNonNull(anchors, "anchors");
    }

    @Override
    public Future<CertificateLinks> links(CertificateId certificate) {
        return caIds().compose(ids -> {
            String caId = ids.caId(certificate.issuer()).orElse(null);
            if (caId == null) {
                return Future.failedFuture(new LinkageException(
                        "the linkage service lists no CA for trust anchor " + certificate.issuer()));
            }
            return get("/linkage/" + URLEncoder.encode(caId, StandardCharsets.UTF_8).replace("+", "%20") + "/"
                    + certificate.serial().toString(16))
                    .compose(response -> switch (response.statusCode()) {
                        case 200 -> parse(response, ids);
                        case 404 -> unknownCertificate(response)
                                ? Future.succeededFuture(CertificateLinks.NONE)
                                : Future.failedFuture(new LinkageException("the linkage service answered 404 "
                                        + "without naming the certificate unknown (wrong URL?)"));
                        default -> Future.failedFuture(
                                new LinkageException("the linkage service answered " + response.statusCode()));
                    });
        });
    }

    /** The CA id join, fetched once; a failed fetch is forgotten so the next call tries again. */
    private Future<LinkageCaIds> caIds() {
        Future<LinkageCaIds> current = caIds;
        if (current != null && !current.failed()) {
            return current;
        }
        Future<LinkageCaIds> fetched = get("/ca").compose(response -> {
            if (response.statusCode() != 200) {
                return Future.failedFuture(new LinkageException("GET /ca of the linkage service answered " + response.statusCode()));
            }
            try {
                return Future.succeededFuture(LinkageCaIds.join(response.bodyAsJsonArray(), anchors));
            } catch (RuntimeException e) {
                return Future.failedFuture(new LinkageException("the linkage service's CA list is unreadable"));
            }
        });
        fetched.onSuccess(ids -> LOG.info("certificate linkage at {}: trust anchors served {}", baseUrl, ids.anchorsServed()));
        caIds = fetched;
        return fetched;
    }

    private Future<HttpResponse<Buffer>> get(String path) {
        return web.getAbs(baseUrl + path)
                .followRedirects(false)
                .timeout(5_000)
                .putHeader("Accept", "application/json")
                .send()
                .compose(response -> response.body() != null && response.body().length() > MAX_BYTES
                        ? Future.failedFuture(new LinkageException("the linkage service's answer exceeds " + MAX_BYTES + " bytes"))
                        : Future.succeededFuture(response))
                .recover(failure -> Future.failedFuture(failure instanceof LinkageException ? failure
                        : new LinkageException("the linkage service could not be read: " + failure.getClass().getSimpleName())));
    }

    private static boolean unknownCertificate(HttpResponse<Buffer> response) {
        try {
            String type = response.bodyAsJsonObject().getString("type", "");
            return type.endsWith(":unknown-certificate");
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static Future<CertificateLinks> parse(HttpResponse<Buffer> response, LinkageCaIds ids) {
        try {
            JsonObject answer = response.bodyAsJsonObject();
            JsonArray predecessors = answer.getJsonArray("predecessors");
            if (predecessors == null || predecessors.size() > MAX_PREDECESSORS) {
                throw new IllegalArgumentException("no or too many predecessors");
            }
            List<CertificateId> chain = new ArrayList<>(predecessors.size());
            for (int i = 0; i < predecessors.size(); i++) {
                chain.add(certificate(predecessors.getJsonObject(i), ids));
            }
            JsonObject companion = answer.getJsonObject("companion");
            return Future.succeededFuture(new CertificateLinks(chain,
                    companion == null ? Optional.empty() : Optional.of(certificate(companion, ids))));
        } catch (RuntimeException e) {
            return Future.failedFuture(new LinkageException("an unreadable linkage answer (or a CA the service does not list)"));
        }
    }

    private static CertificateId certificate(JsonObject entry, LinkageCaIds ids) {
        String serial = entry.getString("serial", "");
        String issuer = ids.issuer(entry.getString("ca", "")).orElseThrow();
        if (!SERIAL.matcher(serial).matches()) {
            throw new IllegalArgumentException("malformed serial");
        }
        return new CertificateId(issuer, new BigInteger(serial, 16));
    }
}
