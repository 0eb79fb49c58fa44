package jp.jpkigate.perf.revocation;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import jp.jpkigate.perf.common.Load;
import jp.jpkigate.perf.common.MeasuredSimulation;
import jp.jpkigate.perf.common.Parameter;
import jp.jpkigate.perf.common.RoundRobin;
import jp.jpkigate.perf.login.LoginFixtures;
import jp.jpkigate.perf.login.VirtualCards;
import jp.jpkigate.sim.ca.CertificateIssuer;

/**
 * Validity checks of a bank's back end at {@code POST /revocation/v1/check} over a shared connection
 * pool: {@code check.batch} = 1 sends {@code {"certificate": b64}}, more sends {@code {"certificates":
 * [...]}} of that many (up to 1,000); {@code check.form} = {@code serials} sends {@code {"serials":
 * [{"issuer": key id hex, "serial": hex}, ...]}} of that many instead (what a bank that keeps its
 * customers' issuer and serial sends: no certificate to decode). The certificates are the fixture cards' authentication and
 * signature certificates (all good), so every answer comes from the in-memory index — of 10M revoked
 * serials in the full run — and the first result is checked to be {@code good}. Sixteen different
 * bodies rotate. The figure that counts is server CPU per check (single: against the trivial
 * endpoint's, {@code HttpFloorSimulation}) and certificates per server-CPU-second (batches).
 *
 * <p>Parameters: {@code check.batch}, {@code check.people} and the {@link Load} {@code check.model},
 * {@code .rate}, {@code .users}, {@code .p99Millis}.
 */
public class ValidityCheckSimulation extends MeasuredSimulation {
    static final Parameter BATCH = new Parameter("check.batch", "1", "certificates per request: 1 (single) to 1000");
    static final Parameter FORM = new Parameter("check.form", "certificates",
            "certificates (whole, base64 DER) or serials (issuer key id and serial pairs; batches only)");
    static final Parameter PEOPLE = new Parameter("check.people", "0", "fixture cards whose certificates are checked (0: all)");
    static final List<Parameter> LOAD = Load.parameters("check", "open", 300, 8, 100);
    private static final int BODIES = 16;

    public ValidityCheckSimulation() throws CertificateEncodingException {
        this("check");
    }

    protected ValidityCheckSimulation(String defaultScenario) throws CertificateEncodingException {
        super(defaultScenario, parameters(), BATCH.intValue());
        int batch = BATCH.intValue();
        boolean serials = FORM.value().equals("serials");
        if (!serials && !FORM.value().equals("certificates") || serials && batch == 1) {
            throw new IllegalArgumentException("check.form: certificates, or serials with check.batch > 1");
        }
        List<Object> certificates = new ArrayList<>();
        HexFormat hex = HexFormat.of().withUpperCase();
        for (VirtualCards.CardCertificate c : VirtualCards.certificates(settings.simDir(), PEOPLE.intValue())) {
            certificates.add(serials ? new JsonObject()
                    .put("issuer", hex.formatHex(CertificateIssuer.keyIdentifier(c.issuer().getPublicKey())))
                    .put("serial", c.certificate().getSerialNumber().toString(16))
                    : Base64.getEncoder().encodeToString(c.certificate().getEncoded()));
        }
        List<String> bodies = new ArrayList<>();
        for (int b = 0; b < BODIES; b++) {
            if (batch == 1) {
                bodies.add(new JsonObject().put("certificate", certificates.get(b % certificates.size())).encode());
            } else {
                JsonArray list = new JsonArray();
                for (int i = 0; i < batch; i++) {
                    list.add(certificates.get((b * batch + i) % certificates.size()));
                }
                bodies.add(new JsonObject().put(serials ? "serials" : "certificates", list).encode());
            }
        }
        fact("batch", batch);
        fact("form", FORM.value());
        String basic = "Basic " + Base64.getEncoder().encodeToString((LoginFixtures.REVOCATION_CLIENT_ID + ":"
                + LoginFixtures.REVOCATION_SECRET).getBytes(StandardCharsets.UTF_8));
        ChainBuilder check = exec(http(batch == 1 ? "check" : "check batch").post("/revocation/v1/check")
                .header("Authorization", basic)
                .body(StringBody("#{body}")).asJson()
                .check(status().is(200), jsonPath("$.results[0].status").is("good"))).exitHereIfFailed();
        run(scenario(settings.scenario()).feed(RoundRobin.of("body", bodies)), check, Load.of(LOAD), protocol(true));
    }

    private static List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>(List.of(BATCH, FORM, PEOPLE));
        all.addAll(LOAD);
        return all;
    }
}
