package jp.jpkigate.perf.common;

import io.gatling.app.Gatling$;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Runs several simulations one after the other in this one JVM, as {@code perf/run.sh --quick} does: on
 * a busy 2-core machine starting Gatling's JVM costs more than a short scenario, so the quick run pays it
 * once. The plan has one simulation a line, tab separated: the scenario name, the simulation class and
 * its own {@code -Dname=value} settings, which hold for that simulation only (the JVM's own system
 * properties are put back after each). Each simulation's console goes to {@code <results>/<name>.log}
 * and Gatling's exit status to {@code <results>/<name>.status}, as when the runner starts one JVM each.
 *
 * <pre>
 * java -cp ... jp.jpkigate.perf.common.Suite &lt;plan&gt; &lt;results dir&gt; &lt;Gatling reports dir&gt;
 * </pre>
 * Exit status: the number of simulations that failed (capped at 100).
 */
public final class Suite {
    private Suite() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: Suite <plan> <results dir> <Gatling reports dir>");
            System.exit(2);
        }
        Path results = Path.of(args[1]);
        PrintStream console = System.out;
        int failures = 0;
        for (String line : Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.split("\t");
            String name = fields[0];
            Properties saved = (Properties) System.getProperties().clone();
            for (int i = 2; i < fields.length; i++) {
                String setting = fields[i];
                int equals = setting.indexOf('=');
                if (!setting.startsWith("-D") || equals < 0) {
                    throw new IllegalArgumentException("not a -Dname=value setting: " + setting);
                }
                System.setProperty(setting.substring(2, equals), setting.substring(equals + 1));
            }
            int status;
            try (PrintStream log = new PrintStream(new FileOutputStream(results.resolve(name + ".log").toFile()), true,
                    StandardCharsets.UTF_8)) {
                System.setOut(log);
                System.setErr(log);
                status = run(fields[1], name, args[2], log);
            } finally {
                System.setOut(console);
                System.setErr(console);
                System.setProperties(saved);
            }
            Files.writeString(results.resolve(name + ".status"), status + "\n");
            console.printf("== %s (%s): %s%n", name, fields[1], status == 0 ? "passed" : "FAILED (exit " + status + ")");
            failures += status == 0 ? 0 : 1;
        }
        System.exit(Math.min(failures, 100));
    }

    private static int run(String simulation, String name, String reports, PrintStream log) {
        try {
            return Gatling$.MODULE$.fromArgs(new String[] {"-s", "jp.jpkigate.perf." + simulation, "-rf", reports, "-rd", name});
        } catch (RuntimeException e) {
            e.printStackTrace(log);
            return 1;
        }
    }
}
