package jp.jpkigate.sim.registry;

import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import jp.jpkigate.sim.card.VirtualCard;

/** Cards and certificates in memory, for tests and for embedding the simulator. */
public final class MemoryStore implements RegistryStore {
    private final Map<String, VirtualCard> cards = new HashMap<>();
    private final Map<CertId, X509Certificate> certificates = new HashMap<>();

    @Override
    public synchronized VirtualCard loadCard(String deviceId) {
        VirtualCard card = cards.get(deviceId);
        if (card == null) {
            throw new NotFoundException("no card " + deviceId);
        }
        return card;
    }

    @Override
    public synchronized void saveCard(VirtualCard card) {
        cards.put(card.id(), card);
    }

    @Override
    public synchronized void archive(CertId id, X509Certificate certificate) {
        certificates.put(id, certificate);
    }

    @Override
    public synchronized Optional<X509Certificate> certificate(CertId id) {
        return Optional.ofNullable(certificates.get(id));
    }
}
