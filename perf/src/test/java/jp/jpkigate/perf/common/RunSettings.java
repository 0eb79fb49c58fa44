package jp.jpkigate.perf.common;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What every simulation shares, from system properties ({@code -Dperf.NAME=VALUE}, printed at start):
 * where the gateway is, the fixtures, the phases, the error budget and how the server's CPU is read.
 * {@code perf/run.sh} passes all of them; run alone, the defaults fit a gateway on port 8080 started
 * with the fixtures of {@code perf/target/perf-run}.
 *
 * @param scenario        the name in the summary and the report (the runner names each run)
 * @param baseUrl         where the gateway listens
 * @param runDir          the fixtures ({@code jp.jpkigate.perf.login.LoginFixtures}): simulator state, keys, secrets
 * @param warmUp          warm-up before the measurement window: not measured, not in the service levels
 * @param duration        the measurement window
 * @param maxErrorPercent service level: failed requests over the whole run, in percent
 * @param serverPids      processes whose CPU is read at the window's ends (gateway, its Redis)
 * @param clockTicks      {@code getconf CLK_TCK}, the unit of {@code /proc/<pid>/stat}
 * @param summaryFile     where the window's numbers go as JSON, if anywhere
 */
public record RunSettings(String scenario, String baseUrl, Path runDir, Duration warmUp, Duration duration,
                          double maxErrorPercent, List<Long> serverPids, int clockTicks, Optional<Path> summaryFile) {

    static final Parameter SCENARIO = new Parameter("perf.scenario", "", "scenario name in the summary (default: the simulation's)");
    static final Parameter BASE_URL = new Parameter("perf.baseUrl", "http://127.0.0.1:8080", "the gateway");
    static final Parameter RUN_DIR = new Parameter("perf.runDir", "target/perf-run", "fixtures: data/sim, client keys, secrets");
    static final Parameter WARM_UP = new Parameter("perf.warmUpSeconds", "30", "warm-up (ramp to the load), not measured");
    static final Parameter DURATION = new Parameter("perf.durationSeconds", "60", "measurement window at the full load");
    static final Parameter MAX_ERRORS = new Parameter("perf.maxErrorPercent", "0.5", "service level: failed requests, whole run");
    static final Parameter PIDS = new Parameter("perf.serverPids", "", "pids whose CPU is read in the window (comma separated)");
    static final Parameter TICKS = new Parameter("perf.clockTicks", "100", "getconf CLK_TCK");
    static final Parameter SUMMARY = new Parameter("perf.summaryFile", "", "JSON file for the window's numbers");

    public static final List<Parameter> PARAMETERS = List.of(SCENARIO, BASE_URL, RUN_DIR, WARM_UP, DURATION, MAX_ERRORS,
            PIDS, TICKS, SUMMARY);

    public RunSettings {
        if (warmUp.isNegative() || duration.isZero() || duration.isNegative() || maxErrorPercent < 0 || clockTicks <= 0) {
            throw new IllegalArgumentException("perf.durationSeconds and perf.clockTicks must be positive,"
                    + " perf.warmUpSeconds and perf.maxErrorPercent not negative");
        }
    }

    /** From the system properties; {@code defaultScenario} when {@code perf.scenario} is not set. */
    public static RunSettings fromSystemProperties(String defaultScenario) {
        String pids = PIDS.value();
        String summary = SUMMARY.value();
        return new RunSettings(SCENARIO.value().isEmpty() ? defaultScenario : SCENARIO.value(),
                BASE_URL.value().replaceAll("/+$", ""), Path.of(RUN_DIR.value()),
                Duration.ofSeconds(WARM_UP.longValue()), Duration.ofSeconds(DURATION.longValue()), MAX_ERRORS.doubleValue(),
                pids.isEmpty() ? List.of() : Arrays.stream(pids.split(",")).map(String::trim).map(Long::valueOf).toList(),
                TICKS.intValue(), summary.isEmpty() ? Optional.empty() : Optional.of(Path.of(summary)));
    }

    /** The simulator's state directory with the people's cards. */
    public Path simDir() {
        return runDir.resolve("data").resolve("sim");
    }
}
