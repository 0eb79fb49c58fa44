package jp.jpkigate.gateway.app;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jp.jpkigate.gateway.config.ConfigException;

/**
 * The command line: {@code [--config <file.json>] [--help]}.
 *
 * @param configFile the JSON config file, if given
 * @param help whether usage was asked for
 */
public record LaunchArgs(Optional<Path> configFile, boolean help) {
    /** Printed for {@code --help}. */
    public static final String USAGE = """
            Usage: java -jar jpki-gate.jar [--config <file.json>]
                   java -jar jpki-gate.jar verify-consent-audit --help    (checks the consent audit chain)
                --config <file>  JSON config file (else env JPKI_GATE_CONFIG; else defaults + env)
                --help           print this help""";

    /** Parses {@code args}; every mistake is reported at once. */
    public static LaunchArgs parse(String[] args) throws ConfigException {
        List<String> mistakes = new ArrayList<>();
        String file = null;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                help = true;
            } else if (arg.equals("--config") && i + 1 < args.length) {
                file = args[++i];
            } else if (arg.startsWith("--config=")) {
                file = arg.substring("--config=".length());
            } else if (arg.equals("--config")) {
                mistakes.add("args: --config needs a file path");
            } else {
                mistakes.add("args: unknown argument " + arg);
            }
        }
        Optional<Path> path = Optional.empty();
        try {
            path = Optional.ofNullable(file).map(Path::of);
        } catch (InvalidPathException e) {
            mistakes.add("args: --config is not a valid path: " + file);
        }
        if (!mistakes.isEmpty()) {
            throw new ConfigException(mistakes);
        }
        return new LaunchArgs(path, help);
    }
}
