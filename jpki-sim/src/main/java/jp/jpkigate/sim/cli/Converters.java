package jp.jpkigate.sim.cli;

import jp.jpkigate.sim.ca.FourInfo.Gender;
import jp.jpkigate.sim.ca.KeyAlgorithm;
import jp.jpkigate.sim.ca.Municipality;
import jp.jpkigate.sim.card.TokenName;
import jp.jpkigate.sim.revocation.Reason;
import picocli.CommandLine.ITypeConverter;

/** Picocli converters for the simulator's types: a bad value is a usage error (exit 2). */
final class Converters {
    private Converters() {
    }

    static final class MunicipalityConverter implements ITypeConverter<Municipality> {
        @Override
        public Municipality convert(String value) {
            return Municipality.parse(value);
        }
    }

    static final class GenderConverter implements ITypeConverter<Gender> {
        @Override
        public Gender convert(String value) {
            return Gender.parse(value);
        }
    }

    static final class AlgorithmConverter implements ITypeConverter<KeyAlgorithm> {
        @Override
        public KeyAlgorithm convert(String value) {
            return KeyAlgorithm.parse(value);
        }
    }

    static final class ReasonConverter implements ITypeConverter<Reason> {
        @Override
        public Reason convert(String value) {
            return Reason.parse(value);
        }
    }

    /** android or iphone. */
    static final class PhoneConverter implements ITypeConverter<TokenName> {
        @Override
        public TokenName convert(String value) {
            TokenName token = TokenName.parse(value);
            if (!token.isPhone()) {
                throw new IllegalArgumentException("expected android or iphone");
            }
            return token;
        }
    }
}
