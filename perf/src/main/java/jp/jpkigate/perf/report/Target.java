package jp.jpkigate.perf.report;

import io.vertx.core.json.JsonObject;

/**
 * One target of the perf issue beside what was measured.
 *
 * @param what     the target in words ({@code "server CPU per login ≤ 1.5 ms"})
 * @param measured the measured figure in words, or why there is none
 * @param met      true met, false missed, null not measurable in this run
 */
record Target(String what, String measured, Boolean met) {

    static Target check(String what, double value, String unit, boolean met) {
        return new Target(what, format(value) + unit, met);
    }

    static Target unmeasured(String what, String why) {
        return new Target(what, why, null);
    }

    String verdict() {
        return met == null ? "n/a" : met ? "met" : "**missed**";
    }

    JsonObject toJson() {
        return new JsonObject().put("target", what).put("measured", measured).put("met", met);
    }

    static String format(double value) {
        if (value >= 100) {
            return String.format("%,.0f", value);
        }
        return value >= 10 ? String.format("%.1f", value) : String.format("%.3f", value);
    }
}
