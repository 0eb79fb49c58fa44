package jp.jpkigate.idp.jpki;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** {@link CardSignatureAlgorithm#hasSmallFactor} (grouped remainders) agrees with dividing by each prime below 1000. */
class SmallFactorProperties {
    private static final int[] PRIMES = IntStream.range(2, 1000).filter(n -> BigInteger.valueOf(n).isProbablePrime(30)).toArray();

    @Property(tries = 300)
    void agreesWithTrialDivision(@ForAll("moduli") BigInteger modulus) {
        boolean divisible = IntStream.of(PRIMES).anyMatch(p -> modulus.mod(BigInteger.valueOf(p)).signum() == 0);
        assertThat(CardSignatureAlgorithm.hasSmallFactor(modulus)).isEqualTo(divisible);
    }

    @Property(tries = 100)
    void aMultipleOfAnySmallPrimeIsCaught(@ForAll("moduli") BigInteger modulus, @ForAll("primeIndex") int index) {
        assertThat(CardSignatureAlgorithm.hasSmallFactor(modulus.multiply(BigInteger.valueOf(PRIMES[index])))).isTrue();
    }

    @Provide
    Arbitrary<BigInteger> moduli() {
        // Random odd numbers up to 2048 bits, half of them free of small factors (products of two ~1024-bit primes are rare here).
        return Arbitraries.integers().between(2, 2048).flatMap(bits -> Arbitraries.bigIntegers()
                .between(BigInteger.ONE, BigInteger.ONE.shiftLeft(bits)))
                .map(n -> n.testBit(0) ? n : n.nextProbablePrime().multiply(BigInteger.valueOf(1009)));
    }

    @Provide
    Arbitrary<Integer> primeIndex() {
        return Arbitraries.integers().between(0, PRIMES.length - 1);
    }
}
