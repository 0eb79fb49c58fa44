package jp.jpkigate.idp.approval;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import jp.jpkigate.idp.par.AuthorizationRequest;
import jp.jpkigate.idp.par.CodeChallenge;
import org.junit.jupiter.api.Test;

class RequestedSharingTest {
    private static final Instant T0 = Instant.parse("2026-04-01T00:00:00Z");

    private static RequestedSharing of(List<String> scopes, String claims) {
        return RequestedSharing.of(new AuthorizationRequest("bank", URI.create("https://rp.bank.example/cb"), scopes,
                new CodeChallenge("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"), Optional.empty(), Optional.empty(), Set.of(),
                OptionalLong.empty(), List.of(), Optional.ofNullable(claims)));
    }

    @Test
    void claimNamesIncludeThoseInsideVerifiedClaimsAndNameTheFourInformation() {
        RequestedSharing sharing = of(List.of("openid", "address"), "{\"id_token\":{\"acr\":null,\"verified_claims\":"
                + "[{\"verification\":{},\"claims\":{\"given_name\":null}}]},\"userinfo\":{\"gender\":{\"essential\":true}}}");
        assertThat(sharing.scopes()).containsExactly("address", "openid");
        assertThat(sharing.claims()).containsExactly("acr", "gender", "verified_claims", "verified_claims.given_name");
        assertThat(sharing.fourInformation()).containsExactly(FourInformationItem.NAME, FourInformationItem.GENDER,
                FourInformationItem.ADDRESS);
        assertThat(sharing.asksVerifiedClaims()).isTrue();
        assertThat(of(List.of("openid", "profile"), null).fourInformation()).isEmpty();
    }

    @Test
    void anApprovalCoversWhatIsWithinItUntilItExpires() {
        Approval approval = Approval.of("bank", of(List.of("openid", "name"), "{\"id_token\":{\"birthdate\":null}}"),
                T0, Duration.ofDays(365));
        assertThat(approval.covers(of(List.of("openid"), null), T0)).isTrue();
        assertThat(approval.covers(of(List.of("openid", "name"), "{\"id_token\":{\"birthdate\":null}}"), T0)).isTrue();
        assertThat(approval.covers(of(List.of("openid", "address"), null), T0)).isFalse();
        assertThat(approval.covers(of(List.of("openid"), "{\"userinfo\":{\"birthdate\":null}}"), T0)).isTrue();
        assertThat(approval.covers(of(List.of("openid"), "{\"id_token\":{\"gender\":null}}"), T0)).isFalse();
        assertThat(approval.covers(of(List.of("openid"), null), T0.plus(Duration.ofDays(365)))).isFalse();

        Approval wider = approval.widenedBy(of(List.of("openid", "address"), null), T0.plusSeconds(5), Duration.ofDays(365));
        assertThat(wider.granted().scopes()).containsExactly("address", "name", "openid");
        assertThat(wider.approvedAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(ApprovalCodec.decode(ApprovalCodec.encode(wider))).isEqualTo(wider);
    }

    @Test
    void optionsRejectOutOfRangeLifetimes() {
        assertThat(ApprovalOptions.defaults().approvalLifetime()).isEqualTo(Duration.ofDays(365));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ApprovalOptions(Duration.ofHours(1), Duration.ofHours(1)))
                .hasMessageContaining("approvalLifetime").hasMessageContaining("accountSessionLifetime");
    }
}
