package jp.jpkigate.idp.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.jpkigate.idp.testing.LoginFixture;
import jp.jpkigate.idp.testing.TokenCalls;
import jp.jpkigate.testing.TestRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * How many Redis round trips one full FAPI login costs (PAR → authorize → card signs → continue with
 * a remembered approval → token with private_key_jwt and DPoP → userinfo), watched with
 * {@code MONITOR}: each command a client sends is a round trip on the event loop and, for a write,
 * an AOF write. Commands run inside scripts are listed apart and not counted, nor is a new pooled
 * connection's {@code HELLO}. The bound fails the
 * build when a change adds round trips to the login.
 */
class LoginRedisCommandsTest {
    @RegisterExtension
    static final LoginFixture op = new LoginFixture();
    /** {@code +1700000000.123456 [0 127.0.0.1:50000] "GET" "key"}; scripts' commands show {@code [0 lua]}. */
    private static final Pattern LINE = Pattern.compile("^\\+[0-9.]+ \\[\\d+ ([^\\]]+)\\] \"([A-Za-z]+)\"");
    private static final String MARKER = "login-commands-end";

    @Test
    void aWarmLoginSendsAtMostTheCountedRedisCommands() throws Exception {
        TokenCalls calls = new TokenCalls(op);
        calls.login(new Scope("openid"));  // the first: the consent page, the approval remembered
        List<String> sent = new CopyOnWriteArrayList<>();
        try (Socket monitor = monitor(sent)) {
            OIDCTokens tokens = calls.login(new Scope("openid"));
            assertThat(calls.userinfo(tokens.getAccessToken())).isEqualTo(200);
            TestRedis.await(op.redis.send(Request.cmd(Command.ECHO, MARKER)));
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (sent.stream().noneMatch(line -> line.contains(MARKER)) && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
        }
        List<String> roundTrips = sent.stream().map(LINE::matcher).filter(Matcher::find)
                .filter(m -> !m.group(1).equals("lua") && !m.group(2).equalsIgnoreCase("ECHO"))
                // A connection's handshake, when the pool opens one for commands sent at once (userinfo's
                // token and proof): once per connection, not per login.
                .filter(m -> !m.group(2).equalsIgnoreCase("HELLO"))
                .map(m -> m.group(2).toUpperCase()).toList();
        System.out.println("Redis round trips of one login: " + roundTrips.size() + " " + roundTrips);
        assertThat(roundTrips).hasSizeLessThanOrEqualTo(21);
    }

    /** A raw connection in MONITOR mode whose lines a daemon thread appends to {@code sent}. */
    private static Socket monitor(List<String> sent) throws Exception {
        URI url = URI.create(op.redisServer.url());
        Socket socket = new Socket(url.getHost(), url.getPort());
        socket.getOutputStream().write("MONITOR\r\n".getBytes(StandardCharsets.US_ASCII));
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        assertThat(in.readLine()).isEqualTo("+OK");
        Thread reader = new Thread(() -> {
            try {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    sent.add(line);
                }
            } catch (java.io.IOException closed) {
                // the test closed the socket
            }
        }, "redis-monitor");
        reader.setDaemon(true);
        reader.start();
        return socket;
    }
}
