package jp.jpkigate.idp.subject;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the linkage knows of one certificate.
 *
 * @param predecessors the certificates it replaced, nearest first (the last is the first of its chain)
 * @param companion    the card authentication certificate it goes with (for a card's signature
 *                     certificate the same card's, for a phone's certificates the linked card's);
 *                     empty for a card's authentication certificate, or when the source does not say
 */
public record CertificateLinks(List<CertificateId> predecessors, Optional<CertificateId> companion) {
    /** Replaced nothing, goes with nothing: the certificate is the first of its own chain. */
    public static final CertificateLinks NONE = new CertificateLinks(List.of(), Optional.empty());

    public CertificateLinks {
        predecessors = List.copyOf(predecessors);
        Objects.requireNonNull(companion, "companion");
    }
}
