package jp.jpkigate.consent.invite;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import jp.jpkigate.idp.approval.FourInformationItem;

/**
 * A business's valid request for invitations ({@link InvitationRequestParser}): one purpose and one
 * set of items for all its customers, each named once.
 */
public record InvitationRequest(String purpose, List<FourInformationItem> items, Duration lifetime,
                                List<String> customerNumbers) {
    public InvitationRequest {
        Objects.requireNonNull(purpose, "purpose");
        items = List.copyOf(items);
        Objects.requireNonNull(lifetime, "lifetime");
        customerNumbers = List.copyOf(customerNumbers);
    }
}
