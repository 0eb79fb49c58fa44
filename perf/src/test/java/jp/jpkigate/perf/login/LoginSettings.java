package jp.jpkigate.perf.login;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jp.jpkigate.perf.common.Load;
import jp.jpkigate.perf.common.Parameter;
import jp.jpkigate.perf.common.RunSettings;

/**
 * The login's own parameters ({@code -Dlogin.NAME=VALUE}, printed at start with the common
 * {@code perf.*} ones of {@link RunSettings}):
 * <ul>
 * <li>{@code login.variant}: {@code auth} (authentication certificate, PIN, scope {@code openid}) or
 *     {@code identity} (signature certificate, password, scope {@code openid name address birthdate
 *     gender}: the 4 information as claims and {@code verified_claims});</li>
 * <li>{@code login.scope}: overrides the variant's scope;</li>
 * <li>{@code login.people}: fixture cards used round robin (0: all);</li>
 * <li>{@code login.clientId}: the relying party of the fixtures' clients file;</li>
 * <li>{@code login.model}, {@code login.rate}, {@code login.users}, {@code login.p99Millis}: the {@link Load}.</li>
 * </ul>
 *
 * @param keyFile the relying party's private ES256 JWK (in the fixtures)
 */
record LoginSettings(String variant, String scope, int people, String clientId, Path keyFile, Load load) {
    static final Parameter VARIANT = new Parameter("login.variant", "auth", "auth (PIN) or identity (signature certificate, 4 information)");
    static final Parameter SCOPE = new Parameter("login.scope", "", "scope; empty: the variant's");
    static final Parameter PEOPLE = new Parameter("login.people", "0", "fixture cards used round robin (0: all)");
    static final Parameter CLIENT = new Parameter("login.clientId", LoginFixtures.CLIENT_ID, "the relying party");
    static final List<Parameter> LOAD = Load.parameters("login", "open", 20, 20, 1000);

    static final String IDENTITY_SCOPE = "openid name address birthdate gender";

    static List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>(List.of(VARIANT, SCOPE, PEOPLE, CLIENT));
        all.addAll(LOAD);
        return all;
    }

    static LoginSettings fromSystemProperties(RunSettings run) {
        String variant = VARIANT.value();
        if (!variant.equals("auth") && !variant.equals("identity")) {
            throw new IllegalArgumentException("login.variant is auth or identity, not " + variant);
        }
        String scope = SCOPE.value().isEmpty() ? (variant.equals("auth") ? "openid" : IDENTITY_SCOPE) : SCOPE.value();
        return new LoginSettings(variant, scope, PEOPLE.intValue(), CLIENT.value(),
                run.runDir().resolve(LoginFixtures.CLIENT_KEY_FILE), Load.of(LOAD));
    }
}
