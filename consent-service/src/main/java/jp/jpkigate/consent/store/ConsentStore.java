package jp.jpkigate.consent.store;

import io.vertx.core.Future;
import java.util.Map;
import java.util.Optional;
import jp.jpkigate.consent.record.ConsentRecord;

/**
 * Consent records, durable and never expiring by themselves (a consent lasts 10 years; its record is
 * the evidence).
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #create} atomically uses the invitation {@code consent.id()} names and stores the consent:
 *       {@link Created} when the invitation existed and had not been used; {@link AlreadyUsed} with the
 *       consent already stored for it otherwise (so a person who retries after a crash sees their own
 *       consent, and a second person sees the invitation is used); {@link UnknownInvitation} when the
 *       invitation is not (or no longer) stored. Completes only once durably written.</li>
 *   <li>{@link #find} returns the stored consent of that id.</li>
 *   <li>{@link #update} replaces {@code current} with {@code next} only if the stored record still equals
 *       {@code current} (compare-and-set); false when it changed meanwhile (re-read and decide again).</li>
 *   <li>{@link #indexForPerson} makes {@code consentId} the person's consent for {@code clientId} and
 *       returns the one it replaces, if another; {@link #consentsOfPerson} lists client id → consent id.
 *       The person key is stored only hashed.</li>
 * </ul>
 */
public interface ConsentStore {
    sealed interface CreateOutcome permits Created, AlreadyUsed, UnknownInvitation {
    }

    record Created(ConsentRecord consent) implements CreateOutcome {
    }

    record AlreadyUsed(ConsentRecord existing) implements CreateOutcome {
    }

    record UnknownInvitation() implements CreateOutcome {
    }

    Future<CreateOutcome> create(ConsentRecord consent);

    Future<Optional<ConsentRecord>> find(String id);

    /** The id of the consent signed for (client, customer number) through any invitation, if any. */
    Future<Optional<String>> consentFor(String clientId, String customerNumber);

    Future<Boolean> update(ConsentRecord current, ConsentRecord next);

    Future<Optional<String>> indexForPerson(String personKey, String clientId, String consentId);

    Future<Map<String, String>> consentsOfPerson(String personKey);
}
