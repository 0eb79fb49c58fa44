package jp.jpkigate.revocation.source;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jp.jpkigate.revocation.ocsp.OcspIssuer;

/**
 * Dev mode: learns the CA generations of a running simulator from {@code GET /ca} (id, pem) and
 * derives the CRL sources (CA-wide, or one per configured municipality partition, each with its
 * delta CRL) and the OCSP issuers ({@code POST /ocsp}). Production configures {@link CrlSource}s
 * explicitly: J-LIS's CRL URLs are not discoverable.
 */
public final class SimulatorDiscovery {
    /**
     * What was found.
     *
     * @param crlSources  one source per CA generation, or per generation and partition
     * @param ocspIssuers every CA generation with the simulator's OCSP URL
     */
    public record Discovered(List<CrlSource> crlSources, List<OcspIssuer> ocspIssuers) {
        public Discovered {
            crlSources = List.copyOf(crlSources);
            ocspIssuers = List.copyOf(ocspIssuers);
        }
    }

    /** A municipality partition of the CRL space (JPKI.md: the CRL space is partitioned per municipality). */
    public record Partition(String prefecture, String city) {
        String label() {
            return prefecture + "/" + city;
        }

        String path() {
            return segment(prefecture) + "/" + segment(city);
        }
    }

    private SimulatorDiscovery() {
    }

    /**
     * Discovers the simulator at {@code baseUrl} (e.g. {@code http://127.0.0.1:8090}).
     *
     * @param partitions empty for CA-wide CRLs; otherwise these partitions of every CA generation
     */
    public static Future<Discovered> discover(WebClient client, String baseUrl, Duration interval,
                                              List<Partition> partitions) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        return client.getAbs(base + "/ca").timeout(10_000).send().compose(response -> {
            if (response.statusCode() != 200) {
                return Future.failedFuture(new DownloadException("GET /ca of the simulator answered " + response.statusCode()));
            }
            return Future.succeededFuture(sources(base, response.bodyAsJsonArray(), interval, partitions));
        });
    }

    static Discovered sources(String base, JsonArray cas, Duration interval, List<Partition> partitions) {
        List<CrlSource> crl = new ArrayList<>();
        List<OcspIssuer> ocsp = new ArrayList<>();
        for (int i = 0; i < cas.size(); i++) {
            JsonObject ca = cas.getJsonObject(i);
            String id = ca.getString("id");
            X509Certificate certificate = certificate(ca.getString("pem"));
            ocsp.add(new OcspIssuer(certificate, base + "/ocsp"));
            String root = base + "/crl/" + segment(id);
            if (partitions.isEmpty()) {
                crl.add(new CrlSource(id, certificate, root + "/full.crl", root + "/delta.crl?base=" + CrlSource.BASE,
                        Optional.empty(), interval));
            }
            for (Partition p : partitions) {
                String dir = root + "/" + p.path();
                crl.add(new CrlSource(id + "/" + p.label(), certificate, dir + "/full.crl",
                        dir + "/delta.crl?base=" + CrlSource.BASE, Optional.of(p.label()), interval));
            }
        }
        return new Discovered(crl, ocsp);
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static X509Certificate certificate(String pem) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        } catch (CertificateException e) {
            throw new IllegalArgumentException("the simulator served an unreadable CA certificate", e);
        }
    }
}
