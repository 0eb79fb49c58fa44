package jp.jpkigate.sim.consent;

/**
 * Through whom a person withdrew a consent: the platform operator (the gateway, on the person's
 * signed request) or J-LIS's own app, which the platform operator learns of only from the changes.
 */
public enum Withdrawer {
    BUSINESS_PLATFORM("business-platform"), PERSON("person");

    private final String wireName;

    Withdrawer(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    static Withdrawer parse(String wireName) {
        for (Withdrawer withdrawer : values()) {
            if (withdrawer.wireName.equals(wireName)) {
                return withdrawer;
            }
        }
        throw new IllegalArgumentException("unknown withdrawer '" + wireName + "'");
    }
}
