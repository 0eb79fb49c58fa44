package jp.jpkigate.idp.testing;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.util.concurrent.CompletableFuture;
import jp.jpkigate.idp.jpki.JpkiVerifier;
import jp.jpkigate.idp.jpki.JpkiVerifierOptions;
import jp.jpkigate.idp.jpki.RevocationStatus;
import jp.jpkigate.idp.jpki.TrustAnchors;
import jp.jpkigate.sim.ca.FourInfo;
import jp.jpkigate.sim.ca.KeyAlgorithm;
import jp.jpkigate.sim.ca.Municipality;
import jp.jpkigate.sim.ca.SimCa;
import jp.jpkigate.sim.registry.CardRequest;
import jp.jpkigate.sim.registry.Device;
import jp.jpkigate.sim.registry.SimState;

/**
 * A fresh simulator holding one card (髙橋 花子, RSA-2048, PIN {@value #PIN}, password
 * {@value #PASSWORD}) and a JPKI verifier that trusts the simulator's CAs and finds every
 * certificate good.
 */
public record SimulatedCard(SimState sim, Device card, JpkiVerifier verifier) {
    public static final String PIN = "1234";
    public static final String PASSWORD = "PASSWORD1";

    public static SimulatedCard issue(Path dir, Clock clock) throws Exception {
        SimState sim = SimState.init(dir, clock, new SecureRandom(), false);
        Device card = sim.registry().life().issue(new CardRequest("髙橋", "花子", LocalDate.of(1990, 1, 2), FourInfo.Gender.FEMALE,
                "東京都新宿区西新宿二丁目８番１号", new Municipality("Tokyo", "Shinjuku-ku"), PIN, PASSWORD, KeyAlgorithm.RSA_2048));
        sim.save();
        TrustAnchors anchors = TrustAnchors.of("sim", sim.cas().all().stream().map(SimCa::certificate).toList());
        JpkiVerifier verifier = new JpkiVerifier(anchors,
                q -> CompletableFuture.completedFuture(RevocationStatus.good(clock.instant())), clock, JpkiVerifierOptions.defaults());
        return new SimulatedCard(sim, card, verifier);
    }
}
