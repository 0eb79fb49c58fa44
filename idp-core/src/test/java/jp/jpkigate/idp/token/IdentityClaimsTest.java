package jp.jpkigate.idp.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.jpkigate.idp.jpki.FourInformation;
import jp.jpkigate.idp.jpki.JpkiCertificateType;
import jp.jpkigate.idp.login.SignerIdentity;
import org.junit.jupiter.api.Test;

class IdentityClaimsTest {
    private static final FourInformation FOUR = new FourInformation("山田\u3000太郎", null, "1", "419800102", "東京都千代田区霞が関一丁目1番1号", null);

    private static SignerIdentity signer(JpkiCertificateType type, FourInformation four) {
        return new SignerIdentity(type, BigInteger.valueOf(0xbeef), "jlis:sign_ca", Instant.parse("2026-11-22T10:00:00.123Z"),
                Optional.of(four));
    }

    @Test
    void scopesReleaseToUserinfoWithVerifiedClaimsAndTheIdTokenOnlyWhatTheClaimsRequestAsks() {
        IdentityClaims.Release release = IdentityClaims.release(signer(JpkiCertificateType.SIGNATURE_CARD, FOUR),
                List.of("openid", "birthdate", "gender"), ClaimsRequest.parse(Optional.of("{\"id_token\":{\"gender\":null}}")));
        assertThat(release.userinfo()).containsEntry("birthdate", "1980-01-02").containsEntry("gender", "male")
                .containsKey("verified_claims").doesNotContainKeys("name", "address");
        assertThat(release.idToken()).containsOnlyKeys("gender");
        @SuppressWarnings("unchecked")
        Map<String, Object> verification = (Map<String, Object>) ((Map<String, Object>) release.userinfo().get("verified_claims")).get("verification");
        assertThat(verification).containsEntry("trust_framework", "jp_aml").containsEntry("time", "2026-11-22T10:00:00Z");
        @SuppressWarnings("unchecked")
        Map<String, Object> evidence = ((List<Map<String, Object>>) verification.get("evidence")).get(0);
        assertThat(evidence).containsEntry("type", "electronic_signature").containsEntry("issuer", "jlis:sign_ca")
                .containsEntry("serial_number", "beef").containsEntry("created_at", "2026-11-22T10:00:00Z");
    }

    @Test
    void unknownEraOmitsTheBirthdateAndAnAuthenticationCertificateNeverYieldsClaims() {
        FourInformation unknownEra = new FourInformation("山田\u3000太郎", null, "3", "000000000", "東京都", null);
        IdentityClaims.Release release = IdentityClaims.release(signer(JpkiCertificateType.SIGNATURE_PHONE, unknownEra),
                List.of("openid", "birthdate", "gender", "address"), ClaimsRequest.NONE);
        assertThat(release.userinfo()).doesNotContainKey("birthdate").containsEntry("gender", "unknown")
                .containsEntry("address", Map.of("formatted", "東京都"));
        assertThat(IdentityClaims.release(signer(JpkiCertificateType.AUTH_CARD, FOUR), List.of("openid", "name"),
                ClaimsRequest.parse(Optional.of("{\"id_token\":{\"verified_claims\":{\"claims\":{\"name\":null}}}}"))))
                .isEqualTo(IdentityClaims.Release.NONE);
        assertThat(IdentityClaims.release(signer(JpkiCertificateType.SIGNATURE_CARD, FOUR).withoutFourInformation(),
                List.of("openid", "name"), ClaimsRequest.NONE)).isEqualTo(IdentityClaims.Release.NONE);
    }
}
