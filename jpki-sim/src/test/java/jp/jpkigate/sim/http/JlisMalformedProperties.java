package jp.jpkigate.sim.http;

import static jp.jpkigate.sim.http.PropertyServer.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import jp.jpkigate.sim.card.TestPki;
import jp.jpkigate.sim.consent.ConsentRegistry;
import jp.jpkigate.sim.consent.MemoryConsentStore;
import jp.jpkigate.sim.consent.SignedConsents;
import jp.jpkigate.sim.registry.Device;
import jp.jpkigate.sim.registry.MemoryStore;
import jp.jpkigate.sim.registry.SimCas;
import jp.jpkigate.sim.registry.SimRegistry;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Whatever a platform operator sends to the J-LIS API, the answer is a 4xx problem, never a 5xx. */
class JlisMalformedProperties {
    private static final List<String> POSTS = List.of("/jlis/consents", "/jlis/consents/R000001/withdrawal",
            "/jlis/four-information");
    private static PropertyServer server;
    private static JsonObject consent;
    private static JsonObject withdrawal;
    private static JsonObject provision;

    @BeforeContainer
    static void start() throws Exception {
        SimRegistry registry = new SimRegistry(new SimCas(TestPki.allCas()), TestPki.CLOCK, TestPki.RANDOM, TestPki::key,
                new MemoryStore());
        Device card = SignedConsents.issue(registry, "山田");
        ConsentRegistry consents = new ConsentRegistry(() -> registry, new MemoryConsentStore(), TestPki.CLOCK);
        consent = SignedConsents.consent(registry, card.id(), "pf-1", "bank-001", "name", "address");
        withdrawal = SignedConsents.withdrawal(registry, card.id());
        provision = new JsonObject().put("registry_id", "R000001")
                .put("certificate_serial", card.signature().serial().toString(16)).put("issuer", card.signature().caId());
        server = PropertyServer.start(SimPublisherSources.of(registry, consents, TestPki.CLOCK));
        assertThat(post("/jlis/consents", consent.toBuffer()).statusCode()).isEqualTo(201);
    }

    @AfterContainer
    static void stop() throws Exception {
        server.close();
    }

    private static HttpResponse<Buffer> post(String path, Buffer body) throws Exception {
        return await(server.post(path).putHeader("Content-Type", "application/json")
                .sendBuffer(body));
    }

    private static void assertProblem(HttpResponse<Buffer> response, String what) {
        assertThat(response.statusCode()).as(what + " -> " + response.bodyAsString()).isBetween(400, 499);
        assertThat(response.getHeader("Content-Type")).as(what).isEqualTo(Problem.CONTENT_TYPE);
    }

    @Property(tries = 100)
    void garbageBodiesAreProblems(@ForAll @Size(max = 300) byte[] body) throws Exception {
        for (String path : POSTS) {
            assertProblem(post(path, Buffer.buffer(body)), path);
        }
    }

    @Property(tries = 150)
    void aFieldOfTheWrongTypeOrValueIsAProblem(@ForAll @IntRange(min = 0, max = 6) int field,
                                               @ForAll("jsonValues") Object value) throws Exception {
        JsonObject badConsent = consent.copy().put("consent_id", "pf-prop");
        String name = badConsent.fieldNames().stream().sorted().toList().get(field);
        badConsent.put(name, value);
        HttpResponse<Buffer> registered = post("/jlis/consents", badConsent.toBuffer());
        // A well-formed value (another business name) registers: 201, or 200 when an earlier try already
        // registered "pf-prop" with that very value (an idempotent re-post).
        if (registered.statusCode() != 201 && registered.statusCode() != 200) {
            assertProblem(registered, name + "=" + value);
        }
        String withdrawalField = List.of("statement", "signature", "certificate").get(field % 3);
        assertProblem(post("/jlis/consents/R999999/withdrawal", withdrawal.copy().put(withdrawalField, value).toBuffer()),
                withdrawalField + "=" + value);
        String provisionField = List.of("registry_id", "certificate_serial", "issuer").get(field % 3);
        HttpResponse<Buffer> provided = post("/jlis/four-information",
                provision.copy().put(provisionField, value).toBuffer());
        if (provided.statusCode() != 200) {
            assertProblem(provided, provisionField + "=" + value);
        }
    }

    @Property(tries = 10)
    void oversizedBodiesAreTooLarge(@ForAll @IntRange(min = 65_537, max = 300_000) int size) throws Exception {
        JsonObject huge = consent.copy().put("business_name", "x".repeat(size));
        for (String path : POSTS) {
            HttpResponse<Buffer> response = post(path, huge.toBuffer());
            assertProblem(response, path);
            assertThat(response.statusCode()).isEqualTo(413);
        }
    }

    @Property(tries = 100)
    void arbitraryQueriesAndPathsAreNeverServerErrors(
            @ForAll @StringLength(max = 80) @AlphaChars @NumericChars @Chars({'&', '=', '%', '-', '_', '.', '/', '+'})
            String tail) throws Exception {
        for (String prefix : List.of("/jlis/consents?", "/jlis/consents?after=", "/jlis/consents?limit=",
                "/jlis/consents?business_id=", "/jlis/consents/", "/jlis/")) {
            HttpResponse<Buffer> response = await(server.get(prefix + tail).send());
            assertThat(response.statusCode()).as(prefix + tail).isLessThan(500);
        }
    }

    @Provide
    Arbitrary<Object> jsonValues() {
        Arbitrary<Object> scalars = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(80).map(Object.class::cast),
                Arbitraries.strings().withChars("0123456789abcdefR-_=+/").ofMaxLength(50).map(Object.class::cast),
                Arbitraries.longs().map(Object.class::cast),
                Arbitraries.doubles().map(Object.class::cast),
                Arbitraries.of(true, false).map(Object.class::cast),
                Arbitraries.just(null));
        return Arbitraries.oneOf(scalars,
                scalars.list().ofMaxSize(4).map(list -> (Object) new JsonArray(list)),
                scalars.map(v -> (Object) new JsonObject().put("v", v)));
    }
}
