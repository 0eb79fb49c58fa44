package jp.jpkigate.perf.login;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The parameters of {@link JpkiLoginSimulation}, each a system property ({@code -Dlogin.rate=20}),
 * printed at start. Paths are relative to the working directory (the {@code perf} module when Maven
 * runs Gatling); {@code perf/run-login.sh} passes absolute ones.
 *
 * @param baseUrl         where the gateway listens
 * @param rate            new logins per second (open model) in the warm-up's end and the measurement
 * @param warmUp          warm-up: the rate ramps from a tenth to {@code rate}; not in the service levels
 * @param duration        the measurement window at a constant {@code rate}
 * @param people          how many of the fixture cards to use, round robin (0: all)
 * @param simDir          the simulator state holding the cards ({@link LoginFixtures})
 * @param clientId        the relying party registered in the gateway's clients file
 * @param clientKeyFile   its private ES256 JWK, which signs the client assertions
 * @param scope           the scope asked for: {@code openid} is a PIN login; any of name, address,
 *                        birthdate, gender makes it a signature-certificate (password) login
 * @param maxErrorPercent service level: failed requests over the whole run, in percent
 * @param p99Millis       service level: 99th percentile of a measured login's cumulated response time
 * @param serverPids      processes whose CPU time is read in the measurement window (gateway, redis)
 * @param clockTicks      {@code getconf CLK_TCK}: the unit of {@code /proc/<pid>/stat} times
 * @param summaryFile     where to write logins and server CPU of the run (properties), if anywhere
 */
record LoginSettings(String baseUrl, double rate, Duration warmUp, Duration duration, int people, Path simDir,
                     String clientId, Path clientKeyFile, String scope, double maxErrorPercent, int p99Millis,
                     List<Long> serverPids, int clockTicks, Optional<Path> summaryFile) {

    /** One system property: its name, default and meaning. */
    record Property(String name, String defaultValue, String meaning) {
        String value() {
            return System.getProperty(name, defaultValue).trim();
        }
    }

    static final List<Property> PROPERTIES = List.of(
            new Property("login.baseUrl", "http://127.0.0.1:8080", "the gateway"),
            new Property("login.rate", "20", "new logins per second (open model)"),
            new Property("login.warmUpSeconds", "30", "warm-up, ramping from rate/10 to rate"),
            new Property("login.durationSeconds", "60", "measurement window at a constant rate"),
            new Property("login.people", "0", "fixture cards used round robin (0: all)"),
            new Property("login.simDir", "target/login-run/data/sim", "simulator state with the cards"),
            new Property("login.clientId", LoginFixtures.CLIENT_ID, "the relying party"),
            new Property("login.clientKeyFile", "target/login-run/" + LoginFixtures.CLIENT_KEY_FILE,
                    "its private ES256 JWK"),
            new Property("login.scope", "openid", "scope: openid = PIN login; name etc. = signature certificate"),
            new Property("login.maxErrorPercent", "0.5", "service level: failed requests, whole run"),
            new Property("login.p99Millis", "1000", "service level: p99 of a login's cumulated response time"),
            new Property("login.serverPids", "", "pids whose CPU is read in the window (comma separated)"),
            new Property("login.clockTicks", "100", "getconf CLK_TCK"),
            new Property("login.summaryFile", "", "properties file for logins and server CPU"));

    LoginSettings {
        if (rate <= 0 || warmUp.isNegative() || duration.isZero() || duration.isNegative() || people < 0
                || maxErrorPercent < 0 || p99Millis <= 0 || clockTicks <= 0) {
            throw new IllegalArgumentException("login.rate, login.durationSeconds, login.p99Millis and"
                    + " login.clockTicks must be positive; the others not negative");
        }
    }

    static LoginSettings fromSystemProperties() {
        String pids = value("login.serverPids");
        String summary = value("login.summaryFile");
        return new LoginSettings(value("login.baseUrl").replaceAll("/+$", ""),
                Double.parseDouble(value("login.rate")),
                Duration.ofSeconds(Long.parseLong(value("login.warmUpSeconds"))),
                Duration.ofSeconds(Long.parseLong(value("login.durationSeconds"))),
                Integer.parseInt(value("login.people")),
                Path.of(value("login.simDir")),
                value("login.clientId"),
                Path.of(value("login.clientKeyFile")),
                value("login.scope"),
                Double.parseDouble(value("login.maxErrorPercent")),
                Integer.parseInt(value("login.p99Millis")),
                pids.isEmpty() ? List.of() : Arrays.stream(pids.split(",")).map(String::trim).map(Long::valueOf).toList(),
                Integer.parseInt(value("login.clockTicks")),
                summary.isEmpty() ? Optional.empty() : Optional.of(Path.of(summary)));
    }

    private static String value(String name) {
        return PROPERTIES.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow().value();
    }

    /** Every property with its value and meaning, one a line. */
    static String describe() {
        StringBuilder out = new StringBuilder("JpkiLoginSimulation parameters (-Dname=value):\n");
        for (Property p : PROPERTIES) {
            out.append(String.format("  %-22s = %-40s %s%n", p.name(), p.value(), p.meaning()));
        }
        return out.toString();
    }

    /** Logins expected in the measurement window. */
    long measuredLogins() {
        return Math.round(rate * duration.toSeconds());
    }
}
