package jp.jpkigate.perf.common;

import java.util.List;

/**
 * One parameter of a simulation: a system property ({@code -Dname=value}), its default and what it
 * means. Simulations list theirs and print them at start ({@link #describe}).
 */
public record Parameter(String name, String defaultValue, String meaning) {

    public String value() {
        return System.getProperty(name, defaultValue).trim();
    }

    public int intValue() {
        return Integer.parseInt(value());
    }

    public long longValue() {
        return Long.parseLong(value());
    }

    public double doubleValue() {
        return Double.parseDouble(value());
    }

    /** Every parameter with its value and meaning, one a line, under {@code title}. */
    public static String describe(String title, List<Parameter> parameters) {
        StringBuilder out = new StringBuilder(title).append(" parameters (-Dname=value):\n");
        for (Parameter p : parameters) {
            out.append(String.format("  %-24s = %-36s %s%n", p.name(), p.value(), p.meaning()));
        }
        return out.toString();
    }
}
