package jp.jpkigate.sim.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import jp.jpkigate.sim.card.CardException;
import jp.jpkigate.sim.consent.ConsentFile;
import jp.jpkigate.sim.consent.ConsentRegistry;
import jp.jpkigate.sim.registry.SimState;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * Base of every subcommand: reaches the root's options, prints through picocli's writers (so tests
 * can capture them), and turns domain failures into the {@link ExitCodes} with a one-line message.
 */
abstract class SimCommand implements Callable<Integer> {
    @ParentCommand
    SimCli root;

    @Spec
    CommandSpec spec;

    /** The subcommand's work; returns the exit code, or throws a domain exception. */
    abstract int run();

    @Override
    public final Integer call() {
        try {
            return run();
        } catch (CommandLine.ParameterException e) {
            throw e;  // picocli prints it with the usage and exits 2
        } catch (RuntimeException e) {
            int code = ExitCodes.of(e);
            err().println("jpki-sim " + spec.name() + ": " + message(e));
            if (code == ExitCodes.INTERNAL) {
                e.printStackTrace(err());
            }
            return code;
        }
    }

    private static String message(RuntimeException e) {
        if (e instanceof CardException card && card.triesLeft().isPresent()) {
            int left = card.triesLeft().getAsInt();
            return left == 0 ? "wrong secret; it is now locked" : "wrong secret; " + left + " tries left";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    SimState open() {
        return SimState.open(root.stateDir(), root.clock(), root.random());
    }

    /** The consent registry of the state directory ({@code consents.json}), over the state's registry. */
    ConsentRegistry consents(SimState state) {
        return new ConsentRegistry(state::registry, new ConsentFile(state.dir()), root.clock());
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
