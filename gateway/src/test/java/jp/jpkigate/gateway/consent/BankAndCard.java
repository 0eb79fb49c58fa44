package jp.jpkigate.gateway.consent;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import io.vertx.core.json.JsonArray;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import jp.jpkigate.gateway.clients.CardSignerHook;
import jp.jpkigate.gateway.clients.RunningGateway;
import jp.jpkigate.idp.key.SigningKeys;
import jp.jpkigate.sim.registry.SimState;

/**
 * What a consent test of the packaged gateway prepares: the simulator's state under {@code <dataDir>/sim} with a
 * person's card in the signer hook, and a bank (its key) in a clients file for {@code JPKI_GATE_OIDC_CLIENTS_FILE}.
 */
record BankAndCard(CardSignerHook card, ECKey bankKey, Path clients, Path dataDir) {
    /** Prepared under {@code <workDir>/data}. */
    static BankAndCard prepare(Path workDir) throws Exception {
        Path dataDir = workDir.resolve("data");
        CardSignerHook card = CardSignerHook.start(dataDir.resolve("sim"));
        card.useCard(RunningGateway.issueCard(SimState.init(dataDir.resolve("sim"), Clock.systemUTC(), new SecureRandom(), false)));
        ECKey bankKey = (ECKey) SigningKeys.generateKey(JWSAlgorithm.ES256);
        Path clients = Files.writeString(workDir.resolve("clients.json"),
                new JsonArray().add(RunningGateway.bankRegistration(bankKey)).encode());
        return new BankAndCard(card, bankKey, clients, dataDir);
    }

    /** The packaged gateway's environment on {@code redisUrl} with this data directory and clients file, and {@code more}. */
    Map<String, String> gatewayEnv(String redisUrl, Map<String, String> more) {
        Map<String, String> env = new HashMap<>(Map.of("REDIS_URL", redisUrl, "JPKI_GATE_DATA_DIR", dataDir.toString(),
                "JPKI_GATE_OIDC_CLIENTS_FILE", clients.toString()));
        env.putAll(more);
        return env;
    }
}
