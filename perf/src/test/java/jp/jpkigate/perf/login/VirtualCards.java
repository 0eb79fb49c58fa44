package jp.jpkigate.perf.login;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.exec.Executable;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import jp.jpkigate.sim.ca.CaKind;
import jp.jpkigate.sim.card.CardClient;
import jp.jpkigate.sim.card.CardFile;

/**
 * The people's cards: a round-robin feeder over the simulator's card files, read into memory once,
 * and the card's part of a login. Every login parses its own {@link jp.jpkigate.sim.card.VirtualCard}
 * from the file's text, so concurrent virtual users never share card state and nothing is written
 * back (tries counters stay in the files as generated).
 */
public final class VirtualCards implements Iterator<Map<String, Object>> {
    /** Session key: the card file's text. */
    public static final String CARD = "card";

    private final List<String> cards;
    private final AtomicLong next = new AtomicLong();

    private VirtualCards(List<String> cards) {
        if (cards.isEmpty()) {
            throw new IllegalStateException("no card files: run LoginFixtures first");
        }
        this.cards = cards;
    }

    /** A certificate on a card and its CA's certificate (also on the card). */
    public record CardCertificate(X509Certificate certificate, X509Certificate issuer) {
    }

    /**
     * The certificates of the first {@code people} cards (0: all): each card's authentication
     * certificate, then its signature certificate, card by card.
     */
    public static List<CardCertificate> certificates(Path simDir, int people) {
        List<CardCertificate> out = new ArrayList<>();
        for (String text : load(simDir, people).cards) {
            CardClient card = new CardClient(CardFile.parse(text));
            out.add(new CardCertificate(card.readCertificate(CaKind.AUTHENTICATION, LoginFixtures.PIN),
                    card.readCaCertificate(CaKind.AUTHENTICATION)));
            out.add(new CardCertificate(card.readCertificate(CaKind.SIGNATURE, LoginFixtures.PASSWORD),
                    card.readCaCertificate(CaKind.SIGNATURE)));
        }
        return out;
    }

    /** The first {@code people} card files of the state directory by name (0: all). */
    public static VirtualCards load(Path simDir, int people) {
        try (Stream<Path> files = Files.list(simDir.resolve("cards"))) {
            List<Path> sorted = files.filter(f -> f.getFileName().toString().endsWith(".card.json")).sorted().toList();
            List<Path> chosen = people == 0 ? sorted : sorted.subList(0, Math.min(people, sorted.size()));
            return new VirtualCards(chosen.stream().map(VirtualCards::read).toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the cards in " + simDir, e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The card file's text of person {@code index} (0-based, by file name). */
    public String card(int index) {
        return cards.get(index);
    }

    public int size() {
        return cards.size();
    }

    @Override
    public boolean hasNext() {
        return true;
    }

    /** Thread-safe: warm-up and measurement feed from the same instance. */
    @Override
    public Map<String, Object> next() {
        return Map.of(CARD, cards.get((int) (next.getAndIncrement() % cards.size())));
    }

    /**
     * The signer app on the person's phone, for the login's protocol at {@code transaction} (also the
     * consent's documents): it fetches the transaction ({@code signed_data}, {@code certificate}), the
     * session's card signs in-process ({@link #sign(Session)}), it posts certificate and signature and
     * expects {@code verified}.
     */
    public static Executable[] signerApp(String transaction) {
        return new Executable[] {
            http("signer fetch").get(transaction).check(status().is(200), jsonPath("$.signed_data").saveAs("signedData"),
                    jsonPath("$.certificate").saveAs("certificateKind")),
            exec(VirtualCards::sign),
            http("signer post").post(transaction).body(StringBody("#{cardResponse}")).asJson()
                    .check(status().is(200), jsonPath("$.status").is("verified"))};
    }

    /**
     * The signer app: the session's card signs the transaction's {@code signed_data} with the key
     * the gateway asked for ({@code certificate}) and the body for {@code POST /login/{txn}} is
     * stored under {@code cardResponse}. If the card fails, nothing is stored, so the post cannot be
     * built and counts as a failed request.
     */
    public static Session sign(Session session) {
        try {
            byte[] data = Base64.getUrlDecoder().decode(session.getString("signedData"));
            return session.set("cardResponse", sign(session.getString(CARD), session.getString("certificateKind"), data));
        } catch (RuntimeException e) {
            return session;
        }
    }

    /**
     * {@code {"certificate": b64, "signature": b64}}: the card in {@code cardFile} signs {@code data}
     * with its signature key and password when {@code certificateKind} is {@code sign}, else with
     * its authentication key and PIN.
     */
    static String sign(String cardFile, String certificateKind, byte[] data) {
        boolean signature = "sign".equals(certificateKind);
        CaKind kind = signature ? CaKind.SIGNATURE : CaKind.AUTHENTICATION;
        String secret = signature ? LoginFixtures.PASSWORD : LoginFixtures.PIN;
        CardClient card = new CardClient(CardFile.parse(cardFile));
        byte[] signed = card.sign(kind, secret, data);
        try {
            Base64.Encoder base64 = Base64.getEncoder();
            return new JsonObject().put("certificate", base64.encodeToString(card.readCertificate(kind, secret).getEncoded()))
                    .put("signature", base64.encodeToString(signed)).encode();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("the card holds an unencodable certificate", e);
        }
    }
}
