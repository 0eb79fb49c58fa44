package jp.jpkigate.perf.consent;

import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.ChainBuilder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import jp.jpkigate.perf.common.Load;
import jp.jpkigate.perf.common.MeasuredSimulation;
import jp.jpkigate.perf.common.Parameter;
import jp.jpkigate.perf.common.RoundRobin;
import jp.jpkigate.perf.login.VirtualCards;
import jp.jpkigate.perf.token.BackendClient;

/**
 * People consent: before the run the fixtures' bank invites one customer per fixture card (outside the
 * measurement); each virtual user is one person opening their invitation, signing with the card's
 * signature certificate through the signer API and continuing to the done page ({@link ConsentSteps}),
 * which records the consent and registers it with J-LIS (the simulator, in its own process). Every
 * person signs one invitation, so a run may have at most as many consents as there are cards: the
 * open model's {@code sign.rate × (warm-up + duration)} must stay under {@code sign.people}.
 *
 * <p>The people whose consent was recorded are written down ({@link ConsentedPeople}) for
 * {@link ConsentWithdrawalSimulation}, which withdraws them later in the same run.
 *
 * <p>Parameters: {@code sign.people} and the {@link Load} {@code sign.model}, {@code .rate}, {@code .users},
 * {@code .p99Millis}.
 */
public class ConsentSigningSimulation extends MeasuredSimulation {
    static final Parameter PEOPLE = new Parameter("sign.people", "0", "fixture cards, one invitation each (0: all)");
    static final List<Parameter> LOAD = Load.parameters("sign", "open", 5, 2, 2000);
    private static final String PERSON = "person";

    /** The people whose consent was recorded, for {@link ConsentWithdrawalSimulation}. */
    private final Set<Integer> consented = ConcurrentHashMap.newKeySet();

    public ConsentSigningSimulation() throws IOException, InterruptedException {
        super("consent-sign", parameters(), 1);
        VirtualCards cards = VirtualCards.load(settings.simDir(), PEOPLE.intValue());
        List<String> invitations = ConsentApi.invitationPaths(settings.baseUrl(),
                BackendClient.accessToken(settings.baseUrl(), "consent:write"), cards.size());
        List<Map<String, Object>> people = new ArrayList<>();
        for (int i = 0; i < invitations.size(); i++) {
            people.add(Map.of(VirtualCards.CARD, cards.card(i), "invitation", invitations.get(i), PERSON, i));
        }
        System.out.printf("%d people invited%n", people.size());
        ChainBuilder consent = ConsentSteps.start().openInvitation().startSigning().cardSigns().finish().build()
                .exec(session -> {
                    consented.add(session.getInt(PERSON));
                    return session;
                });
        run(scenario(settings.scenario()).feed(new RoundRobin(people)), consent, Load.of(LOAD),
                protocol(false).acceptHeader("text/html,application/json"));
    }

    @Override
    public void after() {
        try {
            ConsentedPeople.write(settings.runDir(), consented);
        } catch (IOException e) {
            System.err.println("cannot write the consented people: " + e.getMessage());
        }
        super.after();
    }

    private static List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>(List.of(PEOPLE));
        all.addAll(LOAD);
        return all;
    }
}
