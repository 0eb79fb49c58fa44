package jp.jpkigate.sim.registry;

import java.util.Objects;
import jp.jpkigate.sim.ca.CaKind;
import jp.jpkigate.sim.ca.KeyAlgorithm;
import jp.jpkigate.sim.card.TokenName;

/**
 * A card or phone holding a person's two keys.
 *
 * @param id             {@code C...} for a card, {@code M...} for a phone; its card file is {@code cards/<id>.card.json}
 * @param token          card, Android or iPhone
 * @param signature      the current signature certificate
 * @param authentication the current user-authentication certificate
 * @param cardId         for a phone: the card whose certificates it is linked to; null for a card
 * @param retired        a replaced phone, or any device of a deceased person
 */
public record Device(String id, String personId, TokenName token, KeyAlgorithm algorithm, CertId signature,
                     CertId authentication, String cardId, boolean retired) {
    public Device {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(personId, "personId");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(authentication, "authentication");
        if (token.isPhone() != (cardId != null)) {
            throw new IllegalArgumentException("a phone, and only a phone, is linked to a card");
        }
    }

    public boolean phone() {
        return token.isPhone();
    }

    public CertId certificate(CaKind kind) {
        return kind == CaKind.SIGNATURE ? signature : authentication;
    }

    Device with(CaKind kind, CertId certificate) {
        return kind == CaKind.SIGNATURE
                ? new Device(id, personId, token, algorithm, certificate, authentication, cardId, retired)
                : new Device(id, personId, token, algorithm, signature, certificate, cardId, retired);
    }

    Device retire() {
        return new Device(id, personId, token, algorithm, signature, authentication, cardId, true);
    }
}
