package jp.jpkigate.idp.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import jp.jpkigate.idp.mtls.MtlsOptions;
import org.junit.jupiter.api.Test;

/** The admin API's validation refuses a mutual-TLS client the gateway cannot serve, as the start-up check does for file clients. */
class ClientMetadataValidatorTest {
    private static final Map<String, Object> TLS_CLIENT = Map.of(
            "client_id", "carrier",
            "redirect_uris", List.of("https://rp.carrier.example/cb"),
            "token_endpoint_auth_method", "tls_client_auth",
            "tls_client_auth_subject_dn", "CN=rp.carrier.example,O=Carrier",
            "tls_client_certificate_bound_access_tokens", true);

    private static ClientMetadataValidator.Result validate(MtlsOptions mtls) {
        return new ClientMetadataValidator(Set.of(), mtls).validate(TLS_CLIENT);
    }

    @Test
    void aMutualTlsClientIsRefusedWhenTheGatewayGetsNoClientCertificates() {
        ClientMetadataValidator.Result result = validate(MtlsOptions.none());
        assertThat(result.client()).isEmpty();
        assertThat(result.problems()).anySatisfy(p -> assertThat(p).contains("gets no client certificates"));
    }

    @Test
    void aTlsClientAuthClientNeedsAClientCa() {
        ClientMetadataValidator.Result result = validate(MtlsOptions.tlsSession(List.of()));
        assertThat(result.client()).isEmpty();
        assertThat(result.problems()).anySatisfy(p -> assertThat(p).contains("no client CA"));
    }

    @Test
    void aPrivateKeyJwtClientNeedsNoCertificates() {
        Map<String, Object> metadata = Map.of("client_id", "bank", "redirect_uris", List.of("https://rp.bank.example/cb"),
                "token_endpoint_auth_method", "private_key_jwt",
                "jwks_uri", "https://rp.bank.example/jwks");
        ClientMetadataValidator.Result result = new ClientMetadataValidator(Set.of(), MtlsOptions.none()).validate(metadata);
        assertThat(result.problems()).isEmpty();
        assertThat(result.client()).isPresent();
    }
}
