package jp.jpkigate.perf.consent;

import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import jp.jpkigate.perf.common.Load;
import jp.jpkigate.perf.common.MeasuredSimulation;
import jp.jpkigate.perf.common.Parameter;
import jp.jpkigate.perf.login.VirtualCards;

/**
 * People withdraw the consents that {@link ConsentSigningSimulation} recorded earlier in the same run
 * (its list of the people who consented, {@link ConsentedPeople}): each virtual user is one of them, who
 * opens the dashboard, logs in to the account with the card's authentication key, withdraws the consent
 * and signs the withdrawal with the signature key ({@link WithdrawalSteps}); the gateway records it,
 * tells J-LIS and queues the feed's last event of that consent. Each person withdraws once: a run has
 * at most as many withdrawals as consents were signed before it; arrivals after that do nothing.
 *
 * <p>Parameters: the {@link Load} {@code withdraw.model}, {@code .rate}, {@code .users}, {@code .p99Millis}.
 */
public class ConsentWithdrawalSimulation extends MeasuredSimulation {
    static final List<Parameter> LOAD = Load.parameters("withdraw", "open", 2, 2, 2000);

    private final Queue<String> people;

    public ConsentWithdrawalSimulation() throws IOException {
        super("consent-withdraw", LOAD, 1);
        VirtualCards cards = VirtualCards.load(settings.simDir(), 0);
        List<String> consented = new ArrayList<>();
        for (int person : ConsentedPeople.read(settings.runDir())) {
            consented.add(cards.card(person));
        }
        people = new ConcurrentLinkedQueue<>(consented);
        System.out.printf("%d people with a consent to withdraw%n", consented.size());
        fact("people", consented.size());
        ChainBuilder withdrawal = WithdrawalSteps.start(settings.baseUrl()).openDashboard().cardLogsIn().withdrawFirst()
                .cardSigns().finish().build();
        Load load = Load.of(LOAD);
        run(load.inject(scenario(settings.scenario()).exec(this::nextPerson)
                        .exec(doIf(session -> session.contains(VirtualCards.CARD)).then(measurement.operation(withdrawal))),
                settings), load.describe(), load.p99Millis(), protocol(false).acceptHeader("text/html,application/json"));
    }

    /** The next person who has not withdrawn yet, if any. */
    private Session nextPerson(Session session) {
        String card = people.poll();
        return card == null ? session : session.set(VirtualCards.CARD, card);
    }
}
