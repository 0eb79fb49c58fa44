package jp.jpkigate.sim.cli;

/**
 * A PIN and a password from options, else from {@code $JPKI_SIM_PIN} / {@code $JPKI_SIM_PASSWORD}
 * (so they need not appear in shell history). Either may be null. toString hides both.
 */
record Secrets(String pin, String password, boolean pinGiven, boolean passwordGiven) {
    static final String PIN_ENV = "JPKI_SIM_PIN";
    static final String PASSWORD_ENV = "JPKI_SIM_PASSWORD";

    static Secrets resolve(SimCommand command, String pinOption, String passwordOption) {
        String pin = pinOption != null ? pinOption : command.root.env(PIN_ENV);
        String password = passwordOption != null ? passwordOption : command.root.env(PASSWORD_ENV);
        return new Secrets(pin, password, pinOption != null, passwordOption != null);
    }

    @Override
    public String toString() {
        return "Secrets[hidden]";
    }
}
