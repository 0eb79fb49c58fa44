package jp.jpkigate.idp.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.openid.connect.sdk.SubjectType;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import jp.jpkigate.idp.config.OpenIdProviderConfig;
import jp.jpkigate.idp.discovery.ProviderMetadata;
import jp.jpkigate.idp.jpki.FourInformation;
import jp.jpkigate.idp.jpki.JpkiCertificateType;
import jp.jpkigate.idp.login.SignerIdentity;
import jp.jpkigate.idp.token.ClaimsRequest;
import jp.jpkigate.idp.token.IdentityClaims;
import jp.jpkigate.idp.testing.OpFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Discovery and JWKS, read by Nimbus's metadata and JWK Set parsers. */
class DiscoveryEndpointTest {
    private static OpFixture op;

    @BeforeAll
    static void start() throws Exception {
        op = OpFixture.start();
    }

    @AfterAll
    static void stop() throws Exception {
        op.close();
    }

    @Test
    void openidConfigurationParsesWithNimbus() throws Exception {
        HttpResponse<Buffer> answer = op.get("/.well-known/openid-configuration");
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.getHeader("Content-Type")).startsWith("application/json");
        OIDCProviderMetadata metadata = OIDCProviderMetadata.parse(answer.bodyAsString());
        assertThat(metadata.getIssuer().getValue()).isEqualTo(OpFixture.ISSUER);
        assertThat(metadata.getAuthorizationEndpointURI()).isEqualTo(URI.create(OpFixture.ISSUER + "/authorize"));
        assertThat(metadata.getTokenEndpointURI()).isEqualTo(URI.create(OpFixture.ISSUER + "/token"));
        assertThat(metadata.getPushedAuthorizationRequestEndpointURI()).isEqualTo(URI.create(OpFixture.ISSUER + "/par"));
        assertThat(metadata.getJWKSetURI()).isEqualTo(URI.create(OpFixture.ISSUER + "/jwks"));
        assertThat(metadata.getUserInfoEndpointURI()).isEqualTo(URI.create(OpFixture.ISSUER + "/userinfo"));
        assertThat(metadata.getResponseTypes()).containsExactly(ResponseType.CODE);
        assertThat(metadata.getGrantTypes())
                .containsExactly(GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN, GrantType.CLIENT_CREDENTIALS);
        assertThat(metadata.getCodeChallengeMethods()).containsExactly(CodeChallengeMethod.S256);
        assertThat(metadata.getSubjectTypes()).containsExactly(SubjectType.PAIRWISE);
        assertThat(metadata.getTokenEndpointAuthMethods())
                .containsExactly(ClientAuthenticationMethod.PRIVATE_KEY_JWT, ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
        assertThat(metadata.getTokenEndpointJWSAlgs()).containsExactly(JWSAlgorithm.ES256, JWSAlgorithm.PS256, JWSAlgorithm.EdDSA);
        assertThat(metadata.getIDTokenJWSAlgs()).containsExactly(JWSAlgorithm.ES256);
        assertThat(metadata.getScopes().toStringList()).contains("openid", "name", "address");
        assertThat(metadata.getClaims()).contains("sub", "name");
        assertThat(metadata.requiresPushedAuthorizationRequests()).isFalse();
        assertThat(metadata.supportsAuthorizationResponseIssuerParam()).isTrue();
        assertThat(metadata.getACRs()).extracting(acr -> acr.getValue()).containsExactly("urn:jpkigate:acr:jpki-auth");
        assertThat(metadata.supportsRequestURIParam()).isFalse();
        assertThat(metadata.supportsRequestParam()).isTrue();
        assertThat(metadata.getRequestObjectJWSAlgs()).containsExactly(JWSAlgorithm.ES256, JWSAlgorithm.PS256, JWSAlgorithm.EdDSA);
        assertThat(new io.vertx.core.json.JsonObject(answer.bodyAsString()).getBoolean("require_signed_request_object")).isFalse();
    }

    @Test
    void requireSignedRequestObjectIsAnnouncedAsConfigured() {
        OpenIdProviderConfig d = OpenIdProviderConfig.defaults(OpFixture.ISSUER);
        OpenIdProviderConfig strict = new OpenIdProviderConfig(d.issuer(), d.scopesSupported(), d.claimsSupported(),
                d.acrValuesSupported(), true, d.pushedRequestLifetime(), d.maxRequestBodyBytes(), true);
        assertThat(ProviderMetadata.build(strict, op.opKeys)).containsEntry("require_signed_request_object", true)
                .containsEntry("request_parameter_supported", true);
    }

    @Test
    void identityAssuranceMetadataListsExactlyWhatIdentityClaimsEmits() throws Exception {
        JsonObject metadata = op.get("/.well-known/openid-configuration").bodyAsJsonObject();
        FourInformation four = new FourInformation("山田\u3000太郎", null, "1", "419800102", "東京都千代田区霞が関一丁目1番1号", null);
        SignerIdentity signer = new SignerIdentity(JpkiCertificateType.SIGNATURE_CARD, BigInteger.TEN, "sim:a", Instant.EPOCH,
                Optional.of(four));
        IdentityClaims.Release release = IdentityClaims.release(signer, List.of("openid", "name", "address", "birthdate", "gender"),
                ClaimsRequest.parse(Optional.of("{\"id_token\":{\"verified_claims\":{\"claims\":{}}}}")));
        Set<String> claims = new TreeSet<>();
        Set<String> frameworks = new TreeSet<>();
        Set<String> evidence = new TreeSet<>();
        for (Map<String, Object> target : List.of(release.idToken(), release.userinfo())) {
            @SuppressWarnings("unchecked")
            JsonObject verified = new JsonObject((Map<String, Object>) target.get("verified_claims"));
            claims.addAll(verified.getJsonObject("claims").fieldNames());
            JsonObject verification = verified.getJsonObject("verification");
            frameworks.add(verification.getString("trust_framework"));
            verification.getJsonArray("evidence").forEach(e -> evidence.add(((JsonObject) e).getString("type")));
        }

        assertThat(metadata.getBoolean("verified_claims_supported")).isTrue();
        assertThat(metadata.getJsonArray("claims_in_verified_claims_supported").getList())
                .containsExactlyInAnyOrderElementsOf(claims).hasSize(6);
        assertThat(metadata.getJsonArray("trust_frameworks_supported").getList()).containsExactlyElementsOf(frameworks);
        assertThat(metadata.getJsonArray("evidence_supported").getList()).containsExactlyElementsOf(evidence)
                .containsExactly("electronic_signature");
        assertThat(metadata.getBoolean("claims_parameter_supported")).isTrue();
        assertThat(metadata.fieldNames()).doesNotContain("documents_supported", "electronic_records_supported",
                "attachments_supported");
    }

    @Test
    void rfc8414MetadataParsesWithNimbus() throws Exception {
        HttpResponse<Buffer> answer = op.get("/.well-known/oauth-authorization-server");
        AuthorizationServerMetadata metadata = AuthorizationServerMetadata.parse(answer.bodyAsString());
        assertThat(metadata.getIssuer().getValue()).isEqualTo(OpFixture.ISSUER);
        assertThat(metadata.getPushedAuthorizationRequestEndpointURI()).isEqualTo(URI.create(OpFixture.ISSUER + "/par"));
    }

    @Test
    void jwksIsPublicOnlyAndNamesTheSigningKey() throws Exception {
        HttpResponse<Buffer> answer = op.get("/jwks");
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.getHeader("Content-Type")).isEqualTo("application/jwk-set+json");
        JWKSet set = JWKSet.parse(answer.bodyAsString());
        assertThat(set.getKeys()).hasSize(1);
        assertThat(set.getKeys().get(0).isPrivate()).isFalse();
        assertThat(set.getKeys().get(0).getKeyID()).isEqualTo(op.opKeys.currentKeyId());
        assertThat(answer.bodyAsJsonObject().getJsonArray("keys").getJsonObject(0).containsKey("d")).isFalse();
    }

    @Test
    void postToDiscoveryIs405() throws Exception {
        HttpResponse<Buffer> answer = op.post("/.well-known/openid-configuration", "", java.util.Map.of());
        assertThat(answer.statusCode()).isEqualTo(405);
    }
}
