package jp.jpkigate.idp.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.redis.client.Redis;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.jpkigate.idp.client.ClientRegistry;
import jp.jpkigate.idp.config.OpenIdProviderConfig;
import jp.jpkigate.idp.dpop.DpopOptions;
import jp.jpkigate.idp.key.SigningKeys;
import jp.jpkigate.idp.subject.CertificatePersonKeys;
import jp.jpkigate.idp.token.TokenOptions;
import jp.jpkigate.idp.web.OpenIdProviderRoutes;
import jp.jpkigate.sim.ca.CaKind;
import jp.jpkigate.sim.card.CardClient;
import jp.jpkigate.sim.registry.Device;
import jp.jpkigate.sim.registry.SimState;
import jp.jpkigate.testing.MutableClock;
import jp.jpkigate.testing.TestRedis;

/**
 * The whole OP for end-to-end tests: PAR, authorize with the JPKI login, token and userinfo on an
 * {@link OpServer}, a {@link SimulatedCard}, the {@link OpFixture#clientsJson} clients ({@code bank}
 * with an ES256 key) and a clock the test moves. {@link #signIn} plays the person: the page, the
 * card's signature, the redirect with the code.
 */
public final class OpFlowFixture implements AutoCloseable {
    public final MutableClock clock;
    public final SimState sim;
    public final Device card;
    public final OpServer op;
    public final Redis redis;
    public final WebClient web;
    public final ECKey bankKey;
    public final SigningKeys opKeys;

    private OpFlowFixture(DpopOptions dpop) throws Exception {
        clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        SimulatedCard simulated = SimulatedCard.issue(Files.createTempDirectory("op-flow-sim"), clock);
        sim = simulated.sim();
        card = simulated.card();
        op = OpServer.open(300);
        redis = op.redis;
        OpenIdProviderConfig config = OpenIdProviderConfig.defaults(OpFixture.ISSUER);
        bankKey = (ECKey) SigningKeys.generateKey(JWSAlgorithm.ES256);
        ClientRegistry clients = ClientRegistry.parse(OpFixture.clientsJson(new JWKSet(List.<JWK>of(bankKey)).toPublicJWKSet()),
                config.scopesSupported());
        opKeys = SigningKeys.generate(JWSAlgorithm.ES256);
        Router router = OpenIdProviderRoutes.create(op.vertx, config, opKeys, clients, redis, dpop, clock);
        OpenIdProviderRoutes.addLoginRoutes(router, config, clients, simulated.verifier(), redis, clock);
        OpenIdProviderRoutes.addTokenRoutes(router, op.vertx, config, opKeys, clients, redis,
                TokenOptions.defaults("a-test-pairwise-secret-of-32-bytes!".getBytes(StandardCharsets.UTF_8)),
                CertificatePersonKeys.INSTANCE, dpop, clock);
        web = op.listen(router, false).web();
    }

    public static OpFlowFixture start(DpopOptions dpop) throws Exception {
        return new OpFlowFixture(dpop);
    }

    /** Sends a Nimbus-built request over the Vert.x client (never Nimbus's blocking HTTP). */
    public HttpResponse<Buffer> send(HTTPRequest http) throws Exception {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        http.getHeaderMap().forEach((k, v) -> headers.set(k, String.join(",", v)));
        return TestRedis.await(web.post(http.getURL().getPath()).putHeaders(headers).sendBuffer(Buffer.buffer(http.getBody())));
    }

    public HttpResponse<Buffer> get(String path, String cookie) throws Exception {
        var request = web.get(path);
        if (cookie != null) {
            request.putHeader("Cookie", cookie);
        }
        return TestRedis.await(request.send());
    }

    /** The person logs in for a pushed request with the card's {@code kind} certificate; the code of the redirect. */
    public String signIn(String requestUri, CaKind kind) throws Exception {
        HttpResponse<Buffer> page = get("/authorize?client_id=bank&request_uri=" + URLEncoder.encode(requestUri, StandardCharsets.UTF_8), null);
        assertThat(page.statusCode()).as(page.bodyAsString()).isEqualTo(200);
        Matcher m = Pattern.compile("data-status-url=\"login/([A-Za-z0-9_-]{43})/status\"").matcher(page.bodyAsString());
        assertThat(m.find()).isTrue();
        String txn = m.group(1);
        String cookie = page.cookies().get(0).substring(0, page.cookies().get(0).indexOf(';'));
        byte[] data = Base64.getUrlDecoder().decode(get("/login/" + txn, null).bodyAsJsonObject().getString("signed_data"));
        CardClient client = new CardClient(sim.store().loadCard(card.id()));
        String secret = kind == CaKind.SIGNATURE ? SimulatedCard.PASSWORD : SimulatedCard.PIN;
        JsonObject body = new JsonObject()
                .put("certificate", Base64.getEncoder().encodeToString(client.readCertificate(kind, secret).getEncoded()))
                .put("signature", Base64.getEncoder().encodeToString(client.sign(kind, secret, data)));
        HttpResponse<Buffer> posted = TestRedis.await(web.post("/login/" + txn).putHeader("Content-Type", "application/json")
                .sendBuffer(body.toBuffer()));
        assertThat(posted.bodyAsJsonObject().getString("status")).as(posted.bodyAsString()).isEqualTo("verified");
        String location = get("/login/" + txn + "/continue", cookie).getHeader("Location");
        for (String pair : URI.create(location).getRawQuery().split("&")) {
            if (pair.startsWith("code=")) {
                return URLDecoder.decode(pair.substring(5), StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no code in " + location);
    }

    @Override
    public void close() throws Exception {
        op.close();
    }
}
