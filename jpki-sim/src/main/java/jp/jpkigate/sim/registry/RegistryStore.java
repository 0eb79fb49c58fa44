package jp.jpkigate.sim.registry;

import java.security.cert.X509Certificate;
import java.util.Optional;
import jp.jpkigate.sim.card.VirtualCard;

/** Where the registry keeps the cards it personalises and the certificates it issues. */
public interface RegistryStore {
    /** The card or phone with this device id. */
    VirtualCard loadCard(String deviceId);

    void saveCard(VirtualCard card);

    void archive(CertId id, X509Certificate certificate);

    Optional<X509Certificate> certificate(CertId id);
}
