package jp.jpkigate.idp.subject;

import io.vertx.core.Future;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.idp.store.PersonKeyStore;

/**
 * The production {@link PersonKeyResolver}: follows the certificate linkage to the first certificate
 * of the chain and records the result per certificate.
 *
 * <p>A certificate already recorded answers from the record, without asking the linkage. Otherwise
 * a certificate with a companion (a card's signature certificate, a phone's certificates) takes the
 * key of that card authentication certificate, so one person has one key for the card's two
 * certificates and the phone's; a card authentication certificate's linkage names its predecessors; the nearest one with a recorded key passes that key on (so a
 * person keeps the key in force even where an earlier answer differed, say a certificate the
 * linkage did not know yet), else the first certificate of the chain gives it
 * ({@link CertificateId#personKey()}: the same key {@link CertificatePersonKeys} gives that
 * certificate, so switching from it keeps the subjects of everyone not renewed since). The key is
 * then recorded; a concurrent login's record wins. A linkage or store failure fails the future.
 */
public final class LinkedPersonKeys implements PersonKeyResolver {
    private final CertificateLinkage linkage;
    private final PersonKeyStore records;

    public LinkedPersonKeys(CertificateLinkage linkage, PersonKeyStore records) {
        this.linkage = Objects.requireNonNull(linkage, "linkage");
        this.records = Objects.requireNonNull(records, "records");
    }

    @Override
    public Future<String> personKey(String issuerAnchorId, BigInteger serial) {
        return personKey(new CertificateId(issuerAnchorId, serial), true);
    }

    /** {@code followCompanion} is false for the companion itself: a companion's companion is not followed. */
    private Future<String> personKey(CertificateId certificate, boolean followCompanion) {
        return records.find(certificate).compose(recorded -> recorded.isPresent()
                ? Future.succeededFuture(recorded.get())
                : linkage.links(certificate)
                        .compose(links -> followCompanion && links.companion().isPresent()
                                ? personKey(links.companion().get(), false)
                                : inherited(certificate, links.predecessors()))
                        .compose(key -> records.putIfAbsent(certificate, key)));
    }

    private Future<String> inherited(CertificateId certificate, List<CertificateId> predecessors) {
        if (predecessors.isEmpty()) {
            return Future.succeededFuture(certificate.personKey());
        }
        List<Future<Optional<String>>> lookups = predecessors.stream().map(records::find).toList();
        return Future.all(lookups).map(done -> lookups.stream()
                .flatMap(lookup -> lookup.result().stream())
                .findFirst()
                .orElseGet(() -> predecessors.get(predecessors.size() - 1).personKey()));
    }

    @Override
    public String toString() {
        return "LinkedPersonKeys[" + linkage.getClass().getSimpleName() + "]";
    }
}
