package jp.jpkigate.gateway.faults;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import jp.jpkigate.gateway.clients.CardSignerHook;
import jp.jpkigate.gateway.clients.NimbusRp;
import jp.jpkigate.gateway.clients.UserAgent;

/**
 * People logging in one after another, side by side (one thread and one card each), as an RP's users
 * would: PAR with {@code private_key_jwt} and DPoP → the authorization page → the card signs → token →
 * the ID token validated (Nimbus). A login that fails for any reason is recorded and started again from
 * the beginning, as a person would press the RP's login button again. {@link #stop} lets each finish
 * with a completed login. Blocking, on threads of its own.
 */
final class LoginLoad implements AutoCloseable {
    /** One login attempt: when it ended, and its tokens or what went wrong. */
    record Attempt(int person, Instant ended, OIDCTokens tokens, Throwable failure) {
        boolean succeeded() {
            return failure == null;
        }
    }

    private final String issuer;
    private final String redirectUri;
    private final ECKey clientKey;
    private final Duration deadline;
    private final List<Attempt> attempts = new CopyOnWriteArrayList<>();
    private final ExecutorService threads;
    private final List<Future<?>> people = new ArrayList<>();
    private volatile boolean stopping;

    private LoginLoad(String issuer, String redirectUri, ECKey clientKey, int people, Duration deadline) {
        this.issuer = issuer;
        this.redirectUri = redirectUri;
        this.clientKey = clientKey;
        this.deadline = deadline;
        this.threads = Executors.newFixedThreadPool(people);
    }

    /** Starts one person per card, each logging in again and again until {@link #stop}. */
    static LoginLoad start(String issuer, String redirectUri, ECKey clientKey, List<CardSignerHook> cards, Duration deadline) {
        LoginLoad load = new LoginLoad(issuer, redirectUri, clientKey, cards.size(), deadline);
        for (int i = 0; i < cards.size(); i++) {
            int person = i;
            load.people.add(load.threads.submit(() -> load.logInAgainAndAgain(person, cards.get(person))));
        }
        return load;
    }

    private Void logInAgainAndAgain(int person, CardSignerHook card) {
        Instant giveUp = Instant.now().plus(deadline);
        while (Instant.now().isBefore(giveUp)) {
            Attempt attempt = logIn(person, card);
            attempts.add(attempt);
            if (stopping && attempt.succeeded()) {
                return null;
            }
        }
        throw new AssertionError("person " + person + " did not complete a login within " + deadline);
    }

    private Attempt logIn(int person, CardSignerHook card) {
        try {
            NimbusRp rp = new NimbusRp(issuer, redirectUri, clientKey);
            NimbusRp.Pushed pushed = rp.push(new Scope("openid"), null);
            OIDCTokens tokens = rp.redeem(new UserAgent(card).logIn(pushed.authorization()), pushed);
            rp.validateIdToken(tokens, pushed.nonce());
            return new Attempt(person, Instant.now(), tokens, null);
        } catch (Exception | AssertionError e) {
            return new Attempt(person, Instant.now(), null, e);
        }
    }

    /** Every attempt so far, in the order they ended. */
    List<Attempt> attempts() {
        return List.copyOf(attempts);
    }

    /** Asks each person to stop after their next completed login, and waits for all of them. */
    List<Attempt> stop(Duration wait) throws Exception {
        stopping = true;
        for (Future<?> person : people) {
            person.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        }
        return attempts();
    }

    @Override
    public void close() {
        stopping = true;
        threads.shutdownNow();
    }
}
