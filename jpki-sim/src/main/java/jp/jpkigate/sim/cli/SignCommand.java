package jp.jpkigate.sim.cli;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import jp.jpkigate.sim.ca.CaKind;
import jp.jpkigate.sim.ca.Pem;
import jp.jpkigate.sim.card.AtomicFiles;
import jp.jpkigate.sim.card.CardClient;
import jp.jpkigate.sim.card.CardFile;
import jp.jpkigate.sim.registry.DirectoryStore;
import jp.jpkigate.sim.registry.NotFoundException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sign}: signs bytes with a card or phone, through its APDUs like a reader app. The key is
 * chosen by the secret: {@code --password} signs with the signature key, {@code --pin} with the
 * authentication key ({@code --key} decides when both come from the environment). A wrong secret
 * spends a try, persisted in the card file at once.
 */
@Command(name = "sign", mixinStandardHelpOptions = true,
        description = "Sign data with a card: base64 signature on stdout (or --out). Needs only the card file.")
final class SignCommand extends SimCommand {
    @Option(names = "--card", required = true, paramLabel = "ID|FILE",
            description = "A card or phone id in the state directory, or the path of a card file.")
    String card;

    @Option(names = "--pin", description = "Sign with the authentication key (default: $JPKI_SIM_PIN).")
    String pin;

    @Option(names = "--password", description = "Sign with the signature key (default: $JPKI_SIM_PASSWORD).")
    String password;

    @Option(names = "--key", description = "sign or auth, when both secrets are available.")
    String key;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    SignInput input = new SignInput();

    @Option(names = "--out", paramLabel = "FILE", description = "Write the base64 signature to this file.")
    Path out;

    @Option(names = "--cert-out", paramLabel = "FILE", description = "Write the key's certificate (PEM) to this file.")
    Path certOut;

    @Override
    int run() {
        Secrets secrets = Secrets.resolve(this, pin, password);
        if (input.url != null) {
            return new Login(this, input.url).run(secrets, cardFile());
        }
        CaKind kind = chooseKey(secrets);
        String secret = kind == CaKind.SIGNATURE ? secrets.password() : secrets.pin();
        if (secret == null) {
            throw usage("signing with the " + kind.shortName() + " key needs "
                    + (kind == CaKind.SIGNATURE ? "--password" : "--pin"));
        }
        byte[] data = input.read(this);
        CardClient client = new CardClient(CardFile.open(cardFile()));
        byte[] signature = client.sign(kind, secret, data);
        String base64 = Base64.getEncoder().encodeToString(signature);
        if (certOut != null) {
            AtomicFiles.write(certOut, Pem.write(client.readCertificate(kind, secret)));
        }
        if (out != null) {
            AtomicFiles.write(out, base64 + "\n");
            err().printf("signature (%d bytes, %s key) written to %s%n", signature.length, kind.shortName(), out);
        } else {
            out().println(base64);
        }
        return ExitCodes.OK;
    }

    private CaKind chooseKey(Secrets secrets) {
        if (key != null) {
            return CaKind.fromShortName(key);
        }
        if (secrets.passwordGiven() != secrets.pinGiven()) {
            return secrets.passwordGiven() ? CaKind.SIGNATURE : CaKind.AUTHENTICATION;
        }
        if (secrets.passwordGiven() || (secrets.pin() != null && secrets.password() != null)) {
            throw usage("both a PIN and a password are available: choose with --key sign|auth");
        }
        if (secrets.pin() == null && secrets.password() == null) {
            throw usage("sign needs --pin (authentication key) or --password (signature key)");
        }
        return secrets.pin() != null ? CaKind.AUTHENTICATION : CaKind.SIGNATURE;
    }

    Path cardFile() {
        Path asPath = Path.of(card);
        if (Files.isRegularFile(asPath)) {
            return asPath;
        }
        if (!card.matches("[A-Za-z0-9_-]+")) {
            throw new NotFoundException("no card file " + card);
        }
        Path inState = new DirectoryStore(root.stateDir()).cardFile(card);
        if (!Files.isRegularFile(inState)) {
            throw new NotFoundException("no card " + card + " (looked for " + inState + ")");
        }
        return inState;
    }

    /**
     * {@code sign --url}: the simulator as the signer app. Fetches the OP's login transaction, shows
     * what it is about to sign, signs {@code signed_data} with the key the OP asks for ({@code auth}
     * with the PIN, {@code sign} with the password), posts the certificate and signature to the same
     * URL, and prints the outcome. Blocking HTTP (java.net.http): a CLI, not an event loop. The PIN
     * and password unlock the card only; they are never sent.
     */
    static final class Login {
        private static final Duration TIMEOUT = Duration.ofSeconds(15);

        private final SignCommand command;
        private final URI url;

        Login(SignCommand command, URI url) {
            this.command = command;
            this.url = url;
        }

        int run(Secrets secrets, Path cardFile) {
            if (url.getScheme() == null || !(url.getScheme().equals("https") || url.getScheme().equals("http"))) {
                throw command.usage("--url must be an http(s) URL of a login transaction");
            }
            HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
            HttpResponse<String> fetched = send(http, HttpRequest.newBuilder(url).timeout(TIMEOUT)
                    .header("Accept", "application/json").GET().build());
            if (fetched.statusCode() != 200) {
                return refused("the OP did not hand out the login", fetched);
            }
            JsonObject txn = json(fetched.body());
            String certificate = txn.getString("certificate");
            CaKind kind = "sign".equals(certificate) ? CaKind.SIGNATURE
                    : "auth".equals(certificate) ? CaKind.AUTHENTICATION : null;
            if (kind == null) {
                command.err().println("jpki-sim sign: the OP asks for an unknown certificate");
                return ExitCodes.LOGIN_REFUSED;
            }
            String secret = kind == CaKind.SIGNATURE ? secrets.password() : secrets.pin();
            if (secret == null) {
                throw command.usage("this login needs the " + kind.shortName() + " key: give "
                        + (kind == CaKind.SIGNATURE ? "--password" : "--pin"));
            }
            byte[] data;
            try {
                data = Base64.getUrlDecoder().decode(txn.getString("signed_data", ""));
            } catch (IllegalArgumentException e) {
                command.err().println("jpki-sim sign: the OP's signed_data is not base64url");
                return ExitCodes.LOGIN_REFUSED;
            }
            command.err().printf("signing a login for %s with the %s key%n", txn.getString("client_name", "?"), kind.shortName());
            CardClient card = new CardClient(CardFile.open(cardFile));
            byte[] signature = card.sign(kind, secret, data);
            byte[] der;
            try {
                der = card.readCertificate(kind, secret).getEncoded();
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException("the card's certificate cannot be encoded", e);
            }
            String body = new JsonObject().put("certificate", Base64.getEncoder().encodeToString(der))
                    .put("signature", Base64.getEncoder().encodeToString(signature)).encode();
            HttpResponse<String> posted = send(http, HttpRequest.newBuilder(url).timeout(TIMEOUT)
                    .header("Content-Type", "application/json").header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
            if (posted.statusCode() != 200) {
                return refused("the OP refused the signature", posted);
            }
            JsonObject outcome = json(posted.body());
            if ("verified".equals(outcome.getString("status"))) {
                command.out().println("login verified (" + outcome.getString("certificate_type", "?") + ")");
                return ExitCodes.OK;
            }
            command.out().println("login refused: " + outcome.getString("error", "?") + ": " + outcome.getString("message_en", ""));
            return ExitCodes.LOGIN_REFUSED;
        }

        private int refused(String what, HttpResponse<String> response) {
            JsonObject error = json(response.body());
            command.err().println("jpki-sim sign: " + what + " (HTTP " + response.statusCode() + "): "
                    + error.getString("error", "?") + ": " + error.getString("error_description", ""));
            return switch (response.statusCode()) {
                case 404 -> ExitCodes.NOT_FOUND;
                case 409 -> ExitCodes.CONFLICT;
                default -> ExitCodes.LOGIN_REFUSED;
            };
        }

        private static JsonObject json(String text) {
            try {
                JsonObject json = new JsonObject(text == null || text.isBlank() ? "{}" : text);
                return json;
            } catch (DecodeException | ClassCastException e) {
                return new JsonObject();
            }
        }

        private HttpResponse<String> send(HttpClient http, HttpRequest request) {
            try {
                return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot reach " + url.getHost() + ": " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }
}
