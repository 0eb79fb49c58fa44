package jp.jpkigate.sim.registry;

import java.security.KeyPair;
import java.security.SecureRandom;
import jp.jpkigate.sim.ca.KeyAlgorithm;

/** Where new card keys come from: fresh keys normally; tests may hand out pre-generated ones. */
@FunctionalInterface
public interface KeySource {
    KeyPair generate(KeyAlgorithm algorithm);

    static KeySource random(SecureRandom random) {
        return algorithm -> algorithm.generateKeyPair(random);
    }
}
