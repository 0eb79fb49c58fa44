package jp.jpkigate.idp.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.jpkigate.idp.jpki.TrustAnchor;
import jp.jpkigate.idp.jpki.TrustAnchors;

/**
 * How the OP's trust anchors and a linkage service's CA ids name the same CAs. Both name a CA in
 * their own way ({@code jlis:auth_ca_2023}, {@code sim:1A2B…} or {@code auth-2026}), and JPKI roots of
 * all generations share one DN, so the names are joined by the only thing both sides hold: the CA
 * certificate, matched by its SHA-256 fingerprint. The service's CA list is its {@code GET /ca}
 * ({@code [{"id": ..., "pem": ...}, ...]}). A CA the OP does not trust (an older generation seen only
 * in chains of renewals) is named {@code sha256:<first 16 hex digits of the fingerprint>}.
 */
final class LinkageCaIds {
    private final Map<String, String> caIdByAnchor;
    private final Map<String, String> issuerByCaId;

    private LinkageCaIds(Map<String, String> caIdByAnchor, Map<String, String> issuerByCaId) {
        this.caIdByAnchor = Map.copyOf(caIdByAnchor);
        this.issuerByCaId = Map.copyOf(issuerByCaId);
    }

    /** Joins a {@code GET /ca} answer with the trust anchors; throws IllegalArgumentException on an unreadable list. */
    static LinkageCaIds join(JsonArray cas, TrustAnchors anchors) {
        Map<String, String> caIdByAnchor = new LinkedHashMap<>();
        Map<String, String> issuerByCaId = new LinkedHashMap<>();
        for (int i = 0; i < cas.size(); i++) {
            JsonObject ca = cas.getJsonObject(i);
            String id = ca.getString("id");
            if (id == null || id.isBlank()) {
                throw new IllegalArgumentException("a CA without an id");
            }
            String fingerprint = fingerprint(ca.getString("pem"));
            Optional<TrustAnchor> anchor = anchors.all().stream()
                    .filter(a -> a.sha256Fingerprint().equals(fingerprint)).findFirst();
            anchor.ifPresent(a -> caIdByAnchor.put(a.id(), id));
            issuerByCaId.put(id, anchor.map(TrustAnchor::id).orElse("sha256:" + fingerprint.substring(0, 16)));
        }
        return new LinkageCaIds(caIdByAnchor, issuerByCaId);
    }

    /** The service's id of the CA behind a trust anchor; empty when the service does not serve it. */
    Optional<String> caId(String anchorId) {
        return Optional.ofNullable(caIdByAnchor.get(anchorId));
    }

    /** The OP's name of one of the service's CAs; empty for an id the service did not list. */
    Optional<String> issuer(String caId) {
        return Optional.ofNullable(issuerByCaId.get(caId));
    }

    /** The trust anchors the service serves, for the log. */
    List<String> anchorsServed() {
        return List.copyOf(caIdByAnchor.keySet());
    }

    private static String fingerprint(String pem) {
        if (pem == null) {
            throw new IllegalArgumentException("a CA without a certificate");
        }
        try {
            byte[] der = CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))).getEncoded();
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("an unreadable CA certificate");
        }
    }
}
