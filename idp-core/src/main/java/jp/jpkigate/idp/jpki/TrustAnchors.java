package jp.jpkigate.idp.jpki;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMParser;

/**
 * An immutable set of trusted JPKI root certificates, loaded from PEM. The production set
 * {@code jlis} (the J-LIS roots of the 2015 and 2023 generations) ships on the classpath under
 * {@code trust/jlis/}; other sets (such as the simulator's, {@code sim}) come from files or
 * directories at runtime. Anchors are found by key, never by DN (see {@link TrustAnchor}).
 */
public final class TrustAnchors {
    /** The production set name. */
    public static final String JLIS = "jlis";
    private static final String CLASSPATH_ROOT = "trust/";
    private static final String INDEX = "anchors.list";

    private final Map<String, TrustAnchor> byId;
    private final List<TrustAnchor> all;

    private TrustAnchors(Map<String, TrustAnchor> byId) {
        this.byId = Collections.unmodifiableMap(new LinkedHashMap<>(byId));
        this.all = List.copyOf(byId.values());
    }

    /** The production J-LIS roots. */
    public static TrustAnchors jlis() {
        return classpath(JLIS);
    }

    /**
     * A named set on the classpath: {@code trust/<set>/anchors.list} names one PEM file per line
     * ({@code #} starts a comment), each resolved beside the list.
     */
    public static TrustAnchors classpath(String set) {
        ClassLoader loader = TrustAnchors.class.getClassLoader();
        String dir = CLASSPATH_ROOT + set + "/";
        Map<String, TrustAnchor> anchors = new LinkedHashMap<>();
        for (String line : readResource(loader, dir + INDEX).split("\n")) {
            String file = line.strip();
            if (!file.isEmpty() && !file.startsWith("#")) {
                addPem(anchors, set, stem(file), readResource(loader, dir + file));
            }
        }
        return nonEmpty(set, anchors);
    }

    /** A set from one PEM file (one or more certificates) or from every {@code *.pem} file of a directory. */
    public static TrustAnchors fromPath(String set, Path fileOrDirectory) {
        if (!Files.isDirectory(fileOrDirectory)) {
            return fromPaths(set, List.of(fileOrDirectory));
        }
        try (Stream<Path> listing = Files.list(fileOrDirectory)) {
            return fromPaths(set, listing.filter(p -> p.getFileName().toString().endsWith(".pem")).sorted().toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list trust anchors of set " + set + " in " + fileOrDirectory, e);
        }
    }

    /** A set from a list of PEM files; each anchor is named {@code <set>:<file name without .pem>}. */
    public static TrustAnchors fromPaths(String set, List<Path> files) {
        Map<String, TrustAnchor> anchors = new LinkedHashMap<>();
        for (Path file : files) {
            try {
                addPem(anchors, set, stem(file.getFileName().toString()), Files.readString(file, StandardCharsets.US_ASCII));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read trust anchor " + file + " of set " + set, e);
            }
        }
        return nonEmpty(set, anchors);
    }

    /** A set from certificates in memory; ids are {@code <set>:<first 16 hex digits of the SHA-256 fingerprint>}. */
    public static TrustAnchors of(String set, Collection<X509Certificate> roots) {
        Map<String, TrustAnchor> anchors = new LinkedHashMap<>();
        for (X509Certificate root : roots) {
            TrustAnchor probe = TrustAnchor.of(set, root);
            add(anchors, TrustAnchor.of(set + ":" + probe.sha256Fingerprint().substring(0, 16), root));
        }
        return nonEmpty(set, anchors);
    }

    /** This set together with another (e.g. {@code jlis} plus {@code sim} in a staging environment). */
    public TrustAnchors plus(TrustAnchors other) {
        Map<String, TrustAnchor> merged = new LinkedHashMap<>(byId);
        other.all.forEach(anchor -> add(merged, anchor));
        return new TrustAnchors(merged);
    }

    public List<TrustAnchor> all() {
        return all;
    }

    public Optional<TrustAnchor> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The anchors whose key an authority key identifier names (RFC 5280 section 4.2.1.1). */
    List<TrustAnchor> withKeyIdentifier(String keyIdentifierHex) {
        return all.stream().filter(anchor -> anchor.hasKeyIdentifier(keyIdentifierHex)).toList();
    }

    private static void addPem(Map<String, TrustAnchor> anchors, String set, String name, String pem) {
        List<X509Certificate> certificates = parsePem(set + ":" + name, pem);
        for (int i = 0; i < certificates.size(); i++) {
            String id = set + ":" + name + (i == 0 ? "" : "#" + i);
            add(anchors, TrustAnchor.of(id, certificates.get(i)));
        }
    }

    private static void add(Map<String, TrustAnchor> anchors, TrustAnchor anchor) {
        boolean duplicate = anchors.values().stream()
                .anyMatch(a -> a.sha256Fingerprint().equals(anchor.sha256Fingerprint()));
        if (!duplicate && anchors.putIfAbsent(anchor.id(), anchor) != null) {
            throw new IllegalArgumentException("two trust anchors are named " + anchor.id());
        }
    }

    private static List<X509Certificate> parsePem(String source, String pem) {
        List<X509Certificate> certificates = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter().setProvider(CryptoProvider.BC);
        try (Reader reader = new StringReader(pem); PEMParser parser = new PEMParser(reader)) {
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                if (!(object instanceof X509CertificateHolder holder)) {
                    throw new IllegalArgumentException(source + " holds a PEM object that is not a certificate");
                }
                certificates.add(converter.getCertificate(holder));
            }
        } catch (IOException | CertificateException e) {
            throw new IllegalArgumentException(source + " is not valid PEM", e);
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException(source + " holds no PEM certificate");
        }
        return certificates;
    }

    private static String readResource(ClassLoader loader, String name) {
        try (InputStream in = loader.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no classpath resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read classpath resource " + name, e);
        }
    }

    private static TrustAnchors nonEmpty(String set, Map<String, TrustAnchor> anchors) {
        if (anchors.isEmpty()) {
            throw new IllegalArgumentException("trust anchor set " + set + " is empty");
        }
        return new TrustAnchors(anchors);
    }

    private static String stem(String fileName) {
        return fileName.endsWith(".pem") ? fileName.substring(0, fileName.length() - 4) : fileName;
    }

    @Override
    public String toString() {
        return "TrustAnchors" + byId.keySet();
    }
}
