package jp.jpkigate.consent.web;

import static jp.jpkigate.testing.TestRedis.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.nayuki.qrcodegen.QrCode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.ByteArrayInputStream;
import java.awt.image.BufferedImage;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import jp.jpkigate.consent.invitation.Invitation;
import jp.jpkigate.consent.record.BusinessStatus;
import jp.jpkigate.consent.record.ConsentEvidence;
import jp.jpkigate.consent.record.ConsentRecord;
import jp.jpkigate.consent.record.Registration;
import jp.jpkigate.consent.store.ConsentChangeLog;
import jp.jpkigate.idp.testing.LoginFixture;
import jp.jpkigate.idp.testing.OpFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.w3c.dom.Document;

class ConsentApiTest {
    private static final String INVITATIONS = "/consent/v1/invitations";
    private static final String WRITE_READ = "consent:write consent:read";

    @RegisterExtension
    static final LoginFixture op = new LoginFixture(ConsentApiServer.setup());
    private static ConsentApiServer api;
    private static String shop;
    private static String bank;

    @BeforeAll
    static void start() throws Exception {
        api = new ConsentApiServer(op, ConsentApiOptions.defaults());
        shop = "Bearer " + api.shopToken(WRITE_READ);
        bank = api.bankToken(WRITE_READ);
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
    }

    private static String batch(String purpose, String items, String... customers) {
        JsonArray lines = new JsonArray();
        for (String c : customers) {
            lines.add(new JsonObject().put("customer_number", c));
        }
        return new JsonObject().put("purpose", purpose).put("items", new JsonArray(items)).put("customers", lines).encode();
    }

    private static JsonObject invite(String customer) throws Exception {
        HttpResponse<Buffer> created = api.call(HttpMethod.POST, INVITATIONS, shop,
                batch("住所変更の確認", "[\"address\",\"name\"]", customer));
        assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
        return created.bodyAsJsonObject().getJsonArray("invitations").getJsonObject(0);
    }

    @Test
    void aBankInvitesTenThousandCustomersInOneCallAndARetryAnswersTheSameInvitations() throws Exception {
        String[] customers = new String[10_000];
        for (int i = 0; i < customers.length; i++) {
            customers[i] = String.format("ACCT-%08d", i);
        }
        String body = batch("お届け住所の更新のため", "[\"name\",\"address\"]", customers);

        long started = System.nanoTime();
        HttpResponse<Buffer> first = api.bank(HttpMethod.POST, INVITATIONS, bank, body);
        long firstMillis = (System.nanoTime() - started) / 1_000_000;
        started = System.nanoTime();
        HttpResponse<Buffer> retried = api.bank(HttpMethod.POST, INVITATIONS, bank, body);
        long retryMillis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("consent API: 10,000 invitations created in %d ms, the retried batch answered in %d ms (%d bytes in)%n",
                firstMillis, retryMillis, body.length());

        assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(201);
        assertThat(first.getHeader("Cache-Control")).isEqualTo("no-store");
        JsonArray made = first.bodyAsJsonObject().getJsonArray("invitations");
        JsonArray again = retried.bodyAsJsonObject().getJsonArray("invitations");
        assertThat(made).hasSize(10_000);
        for (int i : new int[] {0, 1, 4_999, 9_999}) {
            JsonObject line = made.getJsonObject(i);
            assertThat(line.getString("customer_number")).isEqualTo(customers[i]);
            assertThat(line.getString("status")).isEqualTo("created");
            assertThat(again.getJsonObject(i).getString("status")).isEqualTo("existing");
            assertThat(again.getJsonObject(i).getString("invitation_id")).isEqualTo(line.getString("invitation_id"));
            assertThat(again.getJsonObject(i).getString("url")).isEqualTo(line.getString("url"));
            assertThat(await(api.invitations.latestFor(OpFixture.BANK, customers[i]))).contains(line.getString("invitation_id"));
        }
        assertThat(api.audit.events).contains("invited bank 10000").doesNotContain("invited bank 0");

        // Another purpose for the same customers is another invitation.
        HttpResponse<Buffer> other = api.bank(HttpMethod.POST, INVITATIONS, bank,
                batch("別の目的", "[\"name\",\"address\"]", customers[0]));
        assertThat(other.bodyAsJsonObject().getJsonArray("invitations").getJsonObject(0).getString("status")).isEqualTo("created");
    }

    @Test
    void eachLineHasItsLinkAndQrCodesWhichOnlyItsBusinessCanFetch() throws Exception {
        JsonObject line = invite("QR-1");
        String id = line.getString("invitation_id");
        String url = line.getString("url");
        assertThat(url).startsWith(OpFixture.ISSUER + "/consent/i/" + id + ".");
        assertThat(api.links.idOf(url.substring(url.lastIndexOf('/') + 1))).contains(id);
        assertThat(line.getString("qr_svg")).isEqualTo(OpFixture.ISSUER + "/consent/v1/invitations/" + id + "/qr.svg");
        assertThat(line.getString("qr_png")).isEqualTo(OpFixture.ISSUER + "/consent/v1/invitations/" + id + "/qr.png");
        assertThat(line.getString("expires_at")).isEqualTo(op.clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                .plus(Duration.ofDays(30)).toString());

        HttpResponse<Buffer> svg = api.call(HttpMethod.GET, INVITATIONS + "/" + id + "/qr.svg", shop, null);
        assertThat(svg.statusCode()).isEqualTo(200);
        assertThat(svg.getHeader("Content-Type")).isEqualTo("image/svg+xml");
        assertThat(svg.getHeader("Cache-Control")).isEqualTo("no-store");
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.body().getBytes()));
        assertThat(document.getDocumentElement().getTagName()).isEqualTo("svg");
        assertThat(svg.bodyAsString()).doesNotContain("<script");

        HttpResponse<Buffer> png = api.call(HttpMethod.GET, INVITATIONS + "/" + id + "/qr.png", shop, null);
        assertThat(png.statusCode()).isEqualTo(200);
        assertThat(png.getHeader("Content-Type")).isEqualTo("image/png");
        assertThat(png.getHeader("Cache-Control")).isEqualTo("no-store");
        byte[] bytes = png.body().getBytes();
        assertThat(java.util.Arrays.copyOf(bytes, 8)).containsExactly(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n');
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
        QrCode expected = QrCode.encodeText(url, QrCode.Ecc.MEDIUM);
        assertThat(image.getWidth()).isEqualTo((expected.size + 8) * 8).isEqualTo(image.getHeight());

        String read = "Bearer " + api.shopToken("consent:read");
        assertThat(api.call(HttpMethod.GET, INVITATIONS + "/" + id + "/qr.svg", read, null).statusCode()).isEqualTo(200);
        HttpResponse<Buffer> others = api.bank(HttpMethod.GET, INVITATIONS + "/" + id + "/qr.png", bank, null);
        HttpResponse<Buffer> unknown = api.bank(HttpMethod.GET, INVITATIONS + "/AAAAAAAAAAAAAAAAAAAAAA/qr.png", bank, null);
        HttpResponse<Buffer> malformed = api.bank(HttpMethod.GET, INVITATIONS + "/x/qr.png", bank, null);
        for (HttpResponse<Buffer> notFound : java.util.List.of(others, unknown, malformed)) {
            assertThat(notFound.statusCode()).isEqualTo(404);
            assertThat(notFound.bodyAsJsonObject().getString("error")).isEqualTo("invalid_request");
        }
        assertThat(others.bodyAsString()).isEqualTo(unknown.bodyAsString());
    }

    @Test
    void everyWrongLineIsReportedAtOnceAndNothingIsStored() throws Exception {
        String body = "{\"purpose\":\"確認\",\"items\":[\"address\"],\"customers\":[{\"customer_number\":\"OK-1\"},"
                + "{\"customer_number\":\"not ok!\"},{\"customer_number\":\"OK-1\"},5,{\"customer_number\":7},"
                + "{\"customer_number\":\"OK-2\",\"name\":\"山田\"},{}]}";
        HttpResponse<Buffer> refused = api.call(HttpMethod.POST, INVITATIONS, shop, body);

        assertThat(refused.statusCode()).isEqualTo(400);
        JsonObject error = refused.bodyAsJsonObject();
        assertThat(error.getString("error")).isEqualTo("invalid_request");
        assertThat(error.getString("error_description")).contains("6 of the customers lines are invalid");
        JsonArray errors = error.getJsonArray("errors");
        assertThat(errors.stream().map(e -> ((JsonObject) e).getInteger("index"))).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(errors.getJsonObject(0).containsKey("customer_number")).isFalse();
        assertThat(errors.getJsonObject(1).getString("customer_number")).isEqualTo("OK-1");
        assertThat(errors.getJsonObject(1).getString("message")).isEqualTo("duplicate of line 0");
        assertThat(errors.getJsonObject(3).getString("message")).isEqualTo("customer_number must be a string");
        assertThat(errors.getJsonObject(4).getString("message")).isEqualTo("unknown member 'name'");
        assertThat(errors.getJsonObject(5).getString("message")).isEqualTo("customer_number is required");
        assertThat(refused.bodyAsString()).doesNotContain("山田");
        assertThat(await(api.invitations.latestFor(ConsentApiServer.SHOP, "OK-1"))).isEmpty();
    }

    @Test
    void aBadRequestAsAWholeIsInvalidRequestNamingEveryMistake() throws Exception {
        String[][] cases = {
                {"not json", "the body is not well-formed JSON"},
                {"[1,2]", "the body must be a JSON object"},
                {"{\"purpose\":\"p\",\"items\":[\"address\"],\"customers\":[{\"customer_number\":\"A\"}]} trailing", "not well-formed"},
                {"{\"purpose\":1,\"items\":[\"income\"],\"expires_in\":1.5,\"customers\":{},\"extra\":true}",
                        "unknown member 'extra'; purpose must be a string; unknown item 'income'"},
                {"{\"items\":\"address\",\"expires_in\":99999999999,\"customers\":[]}",
                        "purpose is required; items must be an array of strings; expires_in must be 60 to 15552000 seconds; "
                                + "customers must have 1 to 10000 lines, not 0"},
                {"{\"purpose\":\" \",\"items\":[],\"expires_in\":\"3600\"}", "purpose must be 1 to 200"},
                {"{\"purpose\":\"p\",\"items\":[\"name\",\"name\"],\"expires_in\":59,\"customers\":null}", "items names name twice"},
                {"{\"purpose\":\"p\",\"customers\":" + "[".repeat(900) + "]".repeat(900) + "}", "nests deeper than 32 levels"},
        };
        for (String[] c : cases) {
            HttpResponse<Buffer> refused = api.call(HttpMethod.POST, INVITATIONS, shop, c[0]);
            assertThat(refused.statusCode()).as(c[0]).isEqualTo(400);
            assertThat(refused.bodyAsJsonObject().getString("error")).isEqualTo("invalid_request");
            assertThat(refused.bodyAsJsonObject().getString("error_description")).as(c[0]).contains(c[1]);
        }
        String[] tooMany = new String[10_001];
        for (int i = 0; i < tooMany.length; i++) {
            tooMany[i] = "N" + i;
        }
        HttpResponse<Buffer> many = api.call(HttpMethod.POST, INVITATIONS, shop, batch("p", "[\"name\"]", tooMany));
        assertThat(many.statusCode()).isEqualTo(400);
        assertThat(many.bodyAsJsonObject().getString("error_description")).contains("not 10001");

        HttpResponse<Buffer> huge = api.call(HttpMethod.POST, INVITATIONS, shop, "{\"purpose\":\"" + "x".repeat(3 << 20) + "\"}");
        assertThat(huge.statusCode()).isEqualTo(413);
        assertThat(huge.bodyAsJsonObject().getString("error")).isEqualTo("invalid_request");

        HttpResponse<Buffer> form = await(api.web.post(INVITATIONS).putHeader("Authorization", shop)
                .putHeader("Content-Type", "application/x-www-form-urlencoded").sendBuffer(Buffer.buffer("purpose=x")));
        assertThat(form.statusCode()).isEqualTo(415);
        assertThat(form.bodyAsJsonObject().getString("error")).isEqualTo("invalid_request");
    }

    @Test
    void theTokenIsCheckedAsAtEveryProtectedResource() throws Exception {
        HttpResponse<Buffer> none = api.call(HttpMethod.GET, "/consent/v1/changes", null, null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.getHeader("WWW-Authenticate")).startsWith("Bearer realm=\"jpkigate\", DPoP realm=\"jpkigate\"");
        assertThat(none.bodyAsJsonObject().isEmpty()).isTrue();

        HttpResponse<Buffer> forged = api.call(HttpMethod.POST, INVITATIONS, "Bearer not.a.token", batch("p", "[\"name\"]", "A"));
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(forged.bodyAsJsonObject().getString("error")).isEqualTo("invalid_token");
        assertThat(forged.getHeader("WWW-Authenticate")).contains("error=\"invalid_token\"");

        HttpResponse<Buffer> basic = api.call(HttpMethod.GET, "/consent/v1/changes", "Basic Zm9vOmJhcg==", null);
        assertThat(basic.statusCode()).isEqualTo(400);
        assertThat(basic.bodyAsJsonObject().getString("error")).isEqualTo("invalid_request");

        String readOnly = "Bearer " + api.shopToken("consent:read");
        HttpResponse<Buffer> cannotWrite = api.call(HttpMethod.POST, INVITATIONS, readOnly, batch("p", "[\"name\"]", "A"));
        assertThat(cannotWrite.statusCode()).isEqualTo(403);
        assertThat(cannotWrite.bodyAsJsonObject().getString("error")).isEqualTo("insufficient_scope");
        String writeOnly = "Bearer " + api.shopToken("consent:write");
        assertThat(api.call(HttpMethod.GET, "/consent/v1/changes", writeOnly, null).statusCode()).isEqualTo(403);

        HttpResponse<Buffer> unbound = api.call(HttpMethod.GET, "/consent/v1/changes", "Bearer " + bank, null);
        assertThat(unbound.statusCode()).isEqualTo(401);
        assertThat(unbound.bodyAsJsonObject().getString("error_description")).contains("DPoP-bound");
        HttpResponse<Buffer> wrongProof = await(api.web.get("/consent/v1/changes").putHeader("Authorization", "DPoP " + bank)
                .putHeader("DPoP", op.dpopProof("GET", "/consent/v1/customers/A/consent", bank, null).serialize()).send());
        assertThat(wrongProof.statusCode()).isEqualTo(401);
        assertThat(wrongProof.bodyAsJsonObject().getString("error")).isEqualTo("invalid_dpop_proof");
        assertThat(api.bank(HttpMethod.GET, "/consent/v1/changes", bank, null).statusCode()).isEqualTo(200);
    }

    @Test
    void aCustomersStatusFollowsTheInvitationAndTheConsentAndIsTheBusinesssOwn() throws Exception {
        JsonObject line = invite("ST-1");
        String id = line.getString("invitation_id");
        JsonObject pending = status(shop, "ST-1", 200);
        assertThat(pending.getString("status")).isEqualTo("pending");
        assertThat(pending.getString("invitation_id")).isEqualTo(id);
        assertThat(pending.containsKey("consent_id")).isFalse();
        assertThat(pending.getJsonArray("items")).containsExactly("name", "address");
        assertThat(pending.getString("purpose")).isEqualTo("住所変更の確認");
        assertThat(api.bank(HttpMethod.GET, "/consent/v1/customers/ST-1/consent", bank, null).statusCode()).isEqualTo(404);
        assertThat(status(shop, "NEVER-INVITED", 404).getString("error")).isEqualTo("invalid_request");
        assertThat(status(shop, "bad%20number", 400).getString("error_description")).contains("customer_number");

        Invitation invitation = await(api.invitations.find(id)).orElseThrow();
        ConsentRecord signed = ConsentRecord.signed(invitation, "person-1", op.clock.instant(), new ConsentEvidence(
                "{}".getBytes(), new byte[] {1}, "sim:sign", BigInteger.TEN, Optional.of(new byte[] {9}), "valid",
                op.clock.instant()));
        await(api.consents.create(signed));
        JsonObject registering = status(shop, "ST-1", 200);
        assertThat(registering.getString("status")).isEqualTo("pending");
        assertThat(registering.getString("consent_id")).isEqualTo(id);
        assertThat(registering.getString("signed_at")).isEqualTo(signed.signedAt().toString());

        ConsentRecord active = signed.registered(new Registration("R-1", op.clock.instant(), LocalDate.parse("2036-12-31")));
        await(api.consents.update(signed, active));
        JsonObject consented = status(shop, "ST-1", 200);
        assertThat(consented.getString("status")).isEqualTo("active");
        assertThat(consented.getString("valid_until")).isEqualTo("2036-12-31");
        assertThat(api.bank(HttpMethod.GET, "/consent/v1/customers/ST-1/consent", bank, null).statusCode()).isEqualTo(404);
    }

    @Test
    void anUnusedInvitationExpires() throws Exception {
        HttpResponse<Buffer> created = api.call(HttpMethod.POST, INVITATIONS, shop,
                "{\"purpose\":\"p\",\"items\":[\"gender\"],\"expires_in\":60,\"customers\":[{\"customer_number\":\"EXP-1\"}]}");
        assertThat(created.statusCode()).isEqualTo(201);
        op.clock.advance(Duration.ofSeconds(61));
        String fresh = "Bearer " + api.shopToken(WRITE_READ);
        assertThat(status(fresh, "EXP-1", 200).getString("status")).isEqualTo("expired");
        HttpResponse<Buffer> again = api.call(HttpMethod.POST, INVITATIONS, fresh,
                "{\"purpose\":\"p\",\"items\":[\"gender\"],\"customers\":[{\"customer_number\":\"EXP-1\"}]}");
        assertThat(again.bodyAsJsonObject().getJsonArray("invitations").getJsonObject(0).getString("status")).isEqualTo("created");
        assertThat(status(fresh, "EXP-1", 200).getString("status")).isEqualTo("pending");
    }

    private static JsonObject status(String authorization, String customer, int expected) throws Exception {
        HttpResponse<Buffer> answer = api.call(HttpMethod.GET, "/consent/v1/customers/" + customer + "/consent", authorization, null);
        assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(expected);
        return answer.bodyAsJsonObject();
    }

    @Test
    void changesAreReadFromACursorAndBadParametersAreRefused() throws Exception {
        for (int i = 0; i < 3; i++) {
            await(api.changes.append(ConsentApiServer.SHOP, new ConsentChangeLog.Change("c" + i, "CH-" + i,
                    BusinessStatus.ACTIVE, op.clock.instant(), i == 2 ? Optional.of("withdrawn_at_jlis") : Optional.empty())));
        }
        JsonObject first = api.call(HttpMethod.GET, "/consent/v1/changes?limit=2", shop, null).bodyAsJsonObject();
        assertThat(first.getJsonArray("changes")).hasSize(2);
        JsonObject c0 = first.getJsonArray("changes").getJsonObject(0);
        assertThat(c0.fieldNames()).containsExactly("cursor", "consent_id", "customer_number", "status", "at");
        assertThat(c0.getString("status")).isEqualTo("active");
        JsonObject rest = api.call(HttpMethod.GET, "/consent/v1/changes?cursor=" + first.getString("next_cursor"), shop, null)
                .bodyAsJsonObject();
        assertThat(rest.getJsonArray("changes")).hasSize(1);
        assertThat(rest.getJsonArray("changes").getJsonObject(0).getString("reason")).isEqualTo("withdrawn_at_jlis");
        assertThat(api.bank(HttpMethod.GET, "/consent/v1/changes", bank, null).bodyAsJsonObject().getJsonArray("changes")
                .stream().map(c -> ((JsonObject) c).getString("consent_id"))).doesNotContain("c0", "c1", "c2");

        for (String query : new String[] {"cursor=nope", "limit=0", "limit=1001", "limit=x", "cursor=1-0&cursor=2-0", "cursor=%zz"}) {
            HttpResponse<Buffer> refused = api.call(HttpMethod.GET, "/consent/v1/changes?" + query, shop, null);
            assertThat(refused.statusCode()).as(query).isEqualTo(400);
            assertThat(refused.bodyAsJsonObject().getString("error")).isEqualTo("invalid_request");
        }
    }

    @Test
    void otherMethodsAndPathsAreOAuthErrors() throws Exception {
        HttpResponse<Buffer> put = api.call(HttpMethod.PUT, INVITATIONS, shop, "{}");
        assertThat(put.statusCode()).isEqualTo(405);
        assertThat(put.bodyAsJsonObject().getString("error")).isEqualTo("invalid_request");
        HttpResponse<Buffer> unknown = api.call(HttpMethod.GET, "/consent/v1/nothing-here", shop, null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.bodyAsJsonObject().getString("error")).isEqualTo("invalid_request");
        // A request line the router cannot decode never reaches a route: 400 from the router (its error handler's format).
        assertThat(api.call(HttpMethod.GET, "/consent/v1/customers/%zz/consent", shop, null).statusCode()).isEqualTo(400);
        for (String path : new String[] {"/consent/v1/customers/%ff%fe/consent", "/consent/v1/invitations/%c0%af/qr.svg", "/consent/v1/customers/" + "9".repeat(65) + "/consent"}) {
            HttpResponse<Buffer> odd = api.call(HttpMethod.GET, path, shop, null);
            assertThat(odd.statusCode()).as(path).isBetween(400, 404);
            assertThat(odd.bodyAsJsonObject().getString("error")).as(path).isEqualTo("invalid_request");
        }
    }
}
