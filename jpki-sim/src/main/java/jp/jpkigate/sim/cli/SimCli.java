package jp.jpkigate.sim.cli;

import java.io.InputStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code jpki-sim}: the simulated J-LIS on the command line. One class per subcommand; to add one
 * add its class to {@code subcommands}.
 * Exit codes are listed in {@link ExitCodes}. PINs, passwords and keys are never printed.
 */
@Command(name = "jpki-sim", mixinStandardHelpOptions = true, version = "jpki-sim 0.1",
        description = "Simulated J-LIS: CA generations, residents, My Number cards and phones, life events.",
        subcommands = {
            InitCommand.class,
            IssueCommand.class,
            PhoneCommand.class,
            SignCommand.class,
            RevokeCommand.class,
            MoveCommand.class,
            RenameCommand.class,
            RenewCommand.class,
            LoseCommand.class,
            ReleaseCommand.class,
            DieCommand.class,
            ProtectCommand.class,
            ConsentsCommand.class,
            WithdrawConsentCommand.class,
            StatusCommand.class,
            CrlCommand.class,
            ServeCommand.class,
        },
        footer = "Exit codes: 0 ok, 1 internal error, 2 bad arguments, 3 wrong PIN/password, 4 locked, "
                + "5 not found, 6 not possible now, 7 card error.")
public final class SimCli implements Callable<Integer> {
    @Option(names = "--state", paramLabel = "DIR", defaultValue = "${env:JPKI_SIM_STATE:-./sim-data}",
            description = "State directory (default: $JPKI_SIM_STATE or ./sim-data).")
    private Path state;

    @Spec
    private CommandLine.Model.CommandSpec spec;

    private final Clock clock;
    private final SecureRandom random;
    private final InputStream stdin;
    private final Map<String, String> env;

    /** The real thing: system clock, strong randomness, standard input, the process environment. */
    public SimCli() {
        this(Clock.systemUTC(), new SecureRandom(), System.in, System.getenv());
    }

    /** For tests and embedding: everything the commands take from the outside world. */
    public SimCli(Clock clock, SecureRandom random, InputStream stdin, Map<String, String> env) {
        this.clock = clock;
        this.random = random;
        this.stdin = stdin;
        this.env = Map.copyOf(env);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new SimCli()).execute(args));
    }

    /** Without a subcommand: the usage, exit 2. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    Path stateDir() {
        return state;
    }

    Clock clock() {
        return clock;
    }

    SecureRandom random() {
        return random;
    }

    InputStream stdin() {
        return stdin;
    }

    /** An environment variable, or null. */
    String env(String name) {
        return env.get(name);
    }
}
