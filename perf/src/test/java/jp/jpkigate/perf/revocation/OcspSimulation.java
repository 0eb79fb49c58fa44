package jp.jpkigate.perf.revocation;

import static io.gatling.javaapi.core.CoreDsl.ByteArrayBody;
import static io.gatling.javaapi.core.CoreDsl.bodyBytes;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import jp.jpkigate.perf.common.Load;
import jp.jpkigate.perf.common.MeasuredSimulation;
import jp.jpkigate.perf.common.Parameter;
import jp.jpkigate.perf.common.RoundRobin;
import jp.jpkigate.perf.login.VirtualCards;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * OCSP (RFC 6960) at the gateway's responder, {@code POST /revocation/ocsp}: one request per fixture
 * certificate (SHA-1 CertID, no nonce: what RFC 5019 clients send), built before the run; each answer
 * is signed by the gateway's responder from the in-memory index. Shared connection pool. The answer
 * must be a signed response (more than 100 bytes: {@code tryLater} and errors are a few bytes).
 *
 * <p>Parameters: {@code ocsp.people} and the {@link Load} {@code ocsp.model}, {@code .rate},
 * {@code .users}, {@code .p99Millis}.
 */
public class OcspSimulation extends MeasuredSimulation {
    static final Parameter PEOPLE = new Parameter("ocsp.people", "0", "fixture cards whose certificates are asked for (0: all)");
    static final List<Parameter> LOAD = Load.parameters("ocsp", "open", 200, 8, 100);

    public OcspSimulation() throws IOException, OCSPException, OperatorCreationException,
            java.security.cert.CertificateEncodingException {
        super("ocsp", parameters(), 1);
        List<byte[]> requests = new ArrayList<>();
        var sha1 = new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1);
        for (VirtualCards.CardCertificate c : VirtualCards.certificates(settings.simDir(), PEOPLE.intValue())) {
            CertificateID id = new CertificateID(sha1, new X509CertificateHolder(c.issuer().getEncoded()),
                    c.certificate().getSerialNumber());
            requests.add(new OCSPReqBuilder().addRequest(id).build().getEncoded());
        }
        ChainBuilder ask = exec(http("ocsp").post("/revocation/ocsp")
                .header("Content-Type", "application/ocsp-request")
                .header("Accept", "application/ocsp-response")
                .body(ByteArrayBody(session -> (byte[]) session.get("request")))
                .check(status().is(200), bodyBytes().transform(bytes -> bytes.length > 100).is(true))).exitHereIfFailed();
        run(scenario(settings.scenario()).feed(RoundRobin.of("request", requests)), ask, Load.of(LOAD), protocol(true));
    }

    private static List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>(List.of(PEOPLE));
        all.addAll(LOAD);
        return all;
    }
}
