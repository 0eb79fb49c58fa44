package jp.jpkigate.idp.authorize;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import jp.jpkigate.idp.dpop.JwkThumbprint;
import jp.jpkigate.idp.jpki.JpkiCertificateType;
import jp.jpkigate.idp.login.SignerIdentity;
import jp.jpkigate.idp.par.CodeChallenge;
import org.junit.jupiter.api.Test;

/** Round trips of the stored code: the DPoP binding (RFC 9449 §10) and the client's {@code sid} survive, alone or together. */
class CodeGrantCodecTest {
    private static final Instant NOW = Instant.ofEpochMilli(1_700_000_000_123L);
    private static final JwkThumbprint JKT = new JwkThumbprint("0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I");

    private static CodeGrant code() {
        SignerIdentity signer = new SignerIdentity(JpkiCertificateType.values()[0], BigInteger.TEN, "sim:a", NOW, Optional.empty());
        return new CodeGrant("bank", URI.create("https://rp.bank.example/cb"), List.of("openid"), Optional.of("n-1"),
                new CodeChallenge("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"), NOW, "acr", List.of("sc", "pin"), signer,
                Optional.empty(), NOW);
    }

    @Test
    void aCodeBoundToADpopKeyInASessionKeepsBoth() {
        CodeGrant grant = code().withDpopJkt(Optional.of(JKT)).withSid(Optional.of("sid-1"));
        CodeGrant decoded = CodeGrantCodec.decode(CodeGrantCodec.encode(grant));
        assertThat(decoded).isEqualTo(grant);
        assertThat(decoded.dpopJkt()).contains(JKT);
        assertThat(decoded.sid()).contains("sid-1");
    }

    @Test
    void eitherAloneOrNeitherRoundTrips() {
        for (CodeGrant grant : List.of(code(), code().withDpopJkt(Optional.of(JKT)), code().withSid(Optional.of("sid-2")))) {
            assertThat(CodeGrantCodec.decode(CodeGrantCodec.encode(grant))).isEqualTo(grant);
        }
    }
}
