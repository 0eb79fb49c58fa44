package jp.jpkigate.consent.page;

import java.time.Clock;
import java.util.Objects;
import jp.jpkigate.consent.registry.ConsentRegistration;
import jp.jpkigate.consent.signing.ConsentAudit;
import jp.jpkigate.consent.signing.DocumentSigning;
import jp.jpkigate.consent.store.ConsentChangeLog;
import jp.jpkigate.consent.store.ConsentStore;
import jp.jpkigate.idp.subject.PersonKeyResolver;

/**
 * What recording a signed consent or withdrawal takes, shared by the invitation pages ({@link ConsentFlow})
 * and the dashboard: the records, the businesses' change logs, J-LIS, the person keys, the document
 * signing, the audit and the clock.
 */
public record ConsentServices(String issuer, ConsentStore consents, ConsentChangeLog changes, ConsentRegistration registration,
                              PersonKeyResolver persons, DocumentSigning signing, ConsentAudit audit, Clock clock) {
    public ConsentServices {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(consents, "consents");
        Objects.requireNonNull(changes, "changes");
        Objects.requireNonNull(registration, "registration");
        Objects.requireNonNull(persons, "persons");
        Objects.requireNonNull(signing, "signing");
        Objects.requireNonNull(audit, "audit");
        Objects.requireNonNull(clock, "clock");
    }
}
