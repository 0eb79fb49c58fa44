package jp.jpkigate.idp.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.util.List;
import java.util.function.Consumer;
import jp.jpkigate.idp.key.SigningKeys;
import jp.jpkigate.idp.mtls.CertificateSubject;
import org.junit.jupiter.api.Test;

/** RFC 8705 §2.1.2 and §3.4 client metadata in the registry file. */
class MtlsClientMetadataTest {
    private static final JWK KEY = SigningKeys.generateKey(JWSAlgorithm.ES256).toPublicJWK();
    private static final String JWKS = new JWKSet(KEY).toString();

    private static String client(String members) {
        return "[{\"client_id\":\"c\",\"redirect_uris\":[\"https://rp.example/cb\"]," + members + "}]";
    }

    private static RegisteredClient parse(String members) throws ClientRegistryException {
        return ClientRegistry.parse(client(members)).find("c").orElseThrow();
    }

    private static void refused(String members, Consumer<String> problem) {
        assertThatThrownBy(() -> ClientRegistry.parse(client(members)))
                .isInstanceOfSatisfying(ClientRegistryException.class, e -> assertThat(e.problems()).singleElement().satisfies(problem));
    }

    @Test
    void aFapiClientMayUseEitherMutualTlsMethodAndAskForBoundTokens() throws Exception {
        RegisteredClient pki = parse("\"token_endpoint_auth_method\":\"tls_client_auth\",\"tls_client_auth_san_ip\":\"192.0.2.7\","
                + "\"tls_client_certificate_bound_access_tokens\":true");
        assertThat(pki.fapi()).isTrue();
        assertThat(pki.authMethod()).isEqualTo(TokenEndpointAuthMethod.TLS_CLIENT_AUTH);
        assertThat(pki.mtls().subject()).hasValueSatisfying(s -> assertThat(s.kind()).isEqualTo(CertificateSubject.Kind.SAN_IP));
        assertThat(pki.mtls().certificateBoundAccessTokens()).isTrue();
        assertThat(pki.toString()).contains("certificate-bound").doesNotContain("192.0.2.7");
        RegisteredClient self = parse("\"token_endpoint_auth_method\":\"self_signed_tls_client_auth\",\"jwks\":" + JWKS);
        assertThat(self.jwks()).isPresent();
        assertThat(self.mtls().certificateBoundAccessTokens()).as("default false").isFalse();
        RegisteredClient signer = parse("\"token_endpoint_auth_method\":\"tls_client_auth\",\"tls_client_auth_subject_dn\":\"CN=c\","
                + "\"jwks\":" + JWKS + ",\"require_signed_request_object\":true");
        assertThat(signer.requireSignedRequestObject()).as("keys for request objects").isTrue();
        assertThat(parse("\"jwks\":" + JWKS + ",\"tls_client_certificate_bound_access_tokens\":true").mtls()
                .certificateBoundAccessTokens()).as("private_key_jwt with bound tokens").isTrue();
    }

    @Test
    void tlsClientAuthNeedsExactlyOneWellFormedSubject() {
        String method = "\"token_endpoint_auth_method\":\"tls_client_auth\"";
        refused(method, p -> assertThat(p).contains("exactly one of tls_client_auth_subject_dn"));
        refused(method + ",\"tls_client_auth_subject_dn\":\"CN=c\",\"tls_client_auth_san_dns\":\"c.example\"",
                p -> assertThat(p).contains("exactly one"));
        refused(method + ",\"tls_client_auth_san_email\":\"nobody\"", p -> assertThat(p).contains("tls_client_auth_san_email must be"));
        refused(method + ",\"tls_client_auth_subject_dn\":42", p -> assertThat(p).contains("tls_client_auth_subject_dn must be a string"));
    }

    @Test
    void subjectsBelongToTlsClientAuthAndKeysToTheKeyMethods() {
        refused("\"jwks\":" + JWKS + ",\"tls_client_auth_subject_dn\":\"CN=c\"",
                p -> assertThat(p).contains("tls_client_auth_subject_dn is only used with tls_client_auth"));
        refused("\"token_endpoint_auth_method\":\"self_signed_tls_client_auth\"",
                p -> assertThat(p).contains("self_signed_tls_client_auth needs the client's public keys"));
        refused("\"token_endpoint_auth_method\":\"mtls\",\"jwks\":" + JWKS,
                p -> assertThat(p).contains("tls_client_auth", "self_signed_tls_client_auth"));
        refused("\"jwks\":" + JWKS + ",\"tls_client_certificate_bound_access_tokens\":\"yes\"",
                p -> assertThat(p).contains("tls_client_certificate_bound_access_tokens must be true or false"));
        assertThat(List.of(CertificateSubject.Kind.values())).extracting(CertificateSubject.Kind::member)
                .allSatisfy(member -> assertThat(member).startsWith("tls_client_auth_"));
    }

    @Test
    void aFapiClientsTokensAreBoundByDpopOrByItsCertificateNeverBoth() throws Exception {
        RegisteredClient certificateBound = parse("\"jwks\":" + JWKS + ",\"tls_client_certificate_bound_access_tokens\":true");
        assertThat(certificateBound.dpopBoundAccessTokens()).as("DPoP by default only without the certificate binding").isFalse();
        RegisteredClient dpopBound = parse("\"jwks\":" + JWKS);
        assertThat(dpopBound.dpopBoundAccessTokens()).isTrue();
        assertThat(dpopBound.mtls().certificateBoundAccessTokens()).isFalse();
        refused("\"jwks\":" + JWKS + ",\"dpop_bound_access_tokens\":true,\"tls_client_certificate_bound_access_tokens\":true",
                p -> assertThat(p).contains("cannot both be true"));
        RegisteredClient bearer = parse("\"fapi\":false,\"jwks\":" + JWKS);
        assertThat(bearer.dpopBoundAccessTokens()).isFalse();
    }
}
