package jp.jpkigate.revocation.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.StringLength;

/** RFC 6749 2.3.1 Basic credentials: any header parses or is a 401; any id and secret survive encoding. */
class ClientCredentialsProperties {
    @Property(tries = 500)
    void arbitraryHeadersParseOrAre401(@ForAll String header) {
        for (String candidate : new String[] {header, "Basic " + header, "basic " + java.util.Base64.getEncoder()
                .encodeToString(header.getBytes(java.nio.charset.StandardCharsets.UTF_8))}) {
            try {
                BasicCredentials credentials = BasicCredentials.parse(candidate);
                assertThat(credentials.clientId()).isNotEmpty();
                assertThat(credentials.toString()).doesNotContain(credentials.clientSecret().isEmpty()
                        ? "\u0000" : credentials.clientSecret());
            } catch (ProblemException e) {
                assertThat(e.problem().status()).isEqualTo(401);
            }
        }
    }

    @Property(tries = 300)
    void encodedCredentialsRoundTripAndAuthenticate(@ForAll @StringLength(min = 1, max = 40) String id,
                                                     @ForAll @StringLength(max = 60) String secret) {
        Assume.that(noSurrogates(id) && noSurrogates(secret) && id.chars().noneMatch(Character::isISOControl));
        BasicCredentials parsed = BasicCredentials.parse(TestServer.basic(id, secret));
        assertThat(parsed.clientId()).isEqualTo(id);
        assertThat(parsed.clientSecret()).isEqualTo(secret);
        RevocationApiClients clients = RevocationApiClients.of(Map.of(id, RevocationApiClients.hashSecret(secret)));
        assertThat(clients.authenticate(parsed.clientId(), parsed.clientSecret())).contains(new ApiClientId(id));
        assertThat(clients.authenticate(parsed.clientId(), secret + "x")).isEmpty();
        assertThat(clients.authenticate(id + "x", secret)).isEmpty();
    }

    /**
     * Plain ASCII credentials skip the UTF-8 and form-urlencoded decoders: the outcome is still theirs,
     * for text with and without {@code %}, {@code +}, controls and non-ASCII.
     */
    @Property(tries = 1000)
    void decodedAsFormUrlencodedUtf8(@ForAll @CharRange(from = '\u0000', to = '\u007f') @CharRange(from = '\u00e0', to = '\u00e9')
                                     @StringLength(max = 30) String userPass) {
        String header = "Basic " + Base64.getEncoder().encodeToString(userPass.getBytes(StandardCharsets.UTF_8));
        String expected;
        try {
            int colon = userPass.indexOf(':');
            if (colon < 0) {
                throw new IllegalStateException("no colon");
            }
            String id = URLDecoder.decode(userPass.substring(0, colon), StandardCharsets.UTF_8);
            String secret = URLDecoder.decode(userPass.substring(colon + 1), StandardCharsets.UTF_8);
            expected = id.isEmpty() ? "401" : id + "\u0000" + secret;
        } catch (IllegalArgumentException | IllegalStateException e) {
            expected = "401";
        }
        String outcome;
        try {
            BasicCredentials parsed = BasicCredentials.parse(header);
            outcome = parsed.clientId() + "\u0000" + parsed.clientSecret();
        } catch (ProblemException e) {
            outcome = String.valueOf(e.problem().status());
        }
        assertThat(outcome).isEqualTo(expected);
    }

    private static boolean noSurrogates(String s) {
        return s.chars().noneMatch(c -> Character.isSurrogate((char) c));
    }
}
