package jp.jpkigate.feed.detect;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.idp.jpki.TrustAnchor;
import jp.jpkigate.idp.jpki.TrustAnchors;
import jp.jpkigate.revocation.service.IssuerKey;

/**
 * {@link CaDirectory} from the OP's trust anchors and J-LIS's CA list ({@code GET <base>/ca}:
 * {@code [{"id": "sign-2026", "pem": …}, …]}, the layout idp-core's linkage client reads too). Issuer keys are
 * the anchors' subject key identifiers (or, without one, the SHA-1 key hash, as the revocation cache names CAs);
 * J-LIS's ids are joined to anchors by the CA certificate itself. The list is fetched on first use and kept,
 * fetched again after a failure and when J-LIS names a CA not in it (a new generation).
 */
public final class JlisCaDirectory implements CaDirectory {
    private final WebClient client;
    private final String url;
    private final long timeoutMillis;
    private final TrustAnchors anchors;
    private Future<Map<String, String>> anchorByCaId;

    public JlisCaDirectory(WebClient client, String jlisBase, Duration timeout, TrustAnchors anchors) {
        this.client = Objects.requireNonNull(client, "client");
        this.url = Objects.requireNonNull(jlisBase, "jlisBase").replaceAll("/+$", "") + "/ca";
        this.timeoutMillis = Math.max(1, timeout.toMillis());
        this.anchors = Objects.requireNonNull(anchors, "anchors");
    }

    @Override
    public Optional<String> anchorOf(IssuerKey issuer) {
        return anchors.all().stream().filter(a -> keyOf(a).equals(issuer)).map(TrustAnchor::id).findFirst();
    }

    @Override
    public Optional<IssuerKey> issuerKeyOf(String anchorId) {
        return anchors.byId(anchorId).map(JlisCaDirectory::keyOf);
    }

    @Override
    public Future<String> jlisCaId(String anchorId) {
        return list(false).compose(ids -> ids.entrySet().stream().filter(e -> e.getValue().equals(anchorId)).findFirst()
                .map(e -> Future.succeededFuture(e.getKey()))
                .orElseGet(() -> Future.failedFuture(new IllegalStateException("J-LIS lists no CA of trust anchor " + anchorId))));
    }

    @Override
    public Future<String> anchorOfJlisCa(String caId) {
        return list(false).compose(ids -> ids.containsKey(caId) ? Future.succeededFuture(ids) : list(true))
                .compose(ids -> ids.containsKey(caId) ? Future.succeededFuture(ids.get(caId))
                        : Future.failedFuture(new IllegalStateException("J-LIS's CA " + caId + " is not a trusted anchor")));
    }

    private static IssuerKey keyOf(TrustAnchor anchor) {
        return new IssuerKey(anchor.subjectKeyIdentifier().isEmpty() ? anchor.keyHash() : anchor.subjectKeyIdentifier());
    }

    private Future<Map<String, String>> list(boolean refresh) {
        Future<Map<String, String>> current = anchorByCaId;
        if (current != null && !refresh && !current.failed()) {
            return current;
        }
        Future<Map<String, String>> fetched = client.getAbs(url).timeout(timeoutMillis).send().compose(response -> {
            if (response.statusCode() != 200) {
                return Future.failedFuture(new IllegalStateException("J-LIS's CA list answered " + response.statusCode()));
            }
            return Future.succeededFuture(join(response.bodyAsJsonArray()));
        });
        anchorByCaId = fetched;
        return fetched;
    }

    /** J-LIS CA id → trust anchor id, for the CAs the OP trusts. */
    private Map<String, String> join(JsonArray cas) {
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i < cas.size(); i++) {
            JsonObject ca = cas.getJsonObject(i);
            X509Certificate certificate = certificate(ca.getString("pem"));
            anchors.all().stream().filter(a -> a.certificate().equals(certificate)).findFirst()
                    .ifPresent(a -> out.put(Objects.requireNonNull(ca.getString("id"), "id"), a.id()));
        }
        return out;
    }

    private static X509Certificate certificate(String pem) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(Objects.requireNonNull(pem, "pem").getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("an unreadable CA certificate");
        }
    }
}
