package jp.jpkigate.perf.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time of server processes on this machine (Linux): user + system time from
 * {@code /proc/<pid>/stat} (fields 14 and 15, in clock ticks), named by {@code /proc/<pid>/comm},
 * and split by thread kind from {@code /proc/<pid>/task/<tid>/stat}: JVM event loops, workers, JIT
 * compilers, GC and VM threads, the rest.
 */
public final class ServerCpu {
    private final List<Long> pids;
    private final int clockTicks;

    public ServerCpu(List<Long> pids, int clockTicks) {
        this.pids = List.copyOf(pids);
        this.clockTicks = clockTicks;
    }

    public boolean enabled() {
        return !pids.isEmpty();
    }

    /**
     * Milliseconds of CPU used so far: {@code <comm>-<pid>} per process in the order given, then
     * {@code <comm>-<pid>.<kind>} per thread kind (threads that ended are only in the process total).
     */
    public Map<String, Long> millis() {
        Map<String, Long> out = new LinkedHashMap<>();
        Map<String, Long> kinds = new LinkedHashMap<>();
        for (long pid : pids) {
            Path proc = Path.of("/proc", Long.toString(pid));
            String name = read(proc.resolve("comm")).replaceAll("[^A-Za-z0-9-]+$", "") + "-" + pid;
            out.put(name, millis(read(proc.resolve("stat"))));
            try (Stream<Path> tasks = Files.list(proc.resolve("task"))) {
                for (Path task : tasks.toList()) {
                    try {
                        kinds.merge(name + "." + kind(read(task.resolve("comm"))), millis(read(task.resolve("stat"))),
                                Long::sum);
                    } catch (UncheckedIOException ended) {
                        // the thread ended between the listing and the read
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list the threads of process " + pid, e);
            }
        }
        out.putAll(kinds);
        return out;
    }

    private long millis(String stat) {
        // fields after "(comm) ": state is field 3, so utime (14) and stime (15) are at 11 and 12
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 1000 / clockTicks;
    }

    /** A thread's kind from its name (as the kernel keeps it: 15 characters). */
    static String kind(String comm) {
        if (comm.startsWith("vert.x-eventloo")) {
            return "eventLoops";
        }
        if (comm.startsWith("vert.x-")) {
            return "workers";
        }
        if (comm.contains("CompilerThre")) {
            return "jit";
        }
        if (comm.startsWith("GC ") || comm.startsWith("G1 ") || comm.startsWith("VM ")) {
            return "gcAndVm";
        }
        return "other";
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).trim();
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException("no " + file, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
