package jp.jpkigate.gateway.config;

/** Hides secrets before a value is printed or logged. */
public final class Secrets {
    static final String MASK = "****";

    private Secrets() {
    }

    /**
     * Masks the password in a URL's user info: {@code redis://user:pw@host:6379} becomes
     * {@code redis://user:****@host:6379}, and {@code redis://pw@host} becomes {@code redis://****@host}.
     * Works on malformed URLs too (it masks too much rather than too little).
     */
    public static String maskUrl(String url) {
        if (url == null) {
            return null;
        }
        int scheme = url.indexOf("://");
        int start = scheme < 0 ? 0 : scheme + 3;
        int at = url.lastIndexOf('@');
        if (at < start) {
            return url;
        }
        String userInfo = url.substring(start, at);
        int colon = userInfo.indexOf(':');
        String masked = colon < 0 ? MASK : userInfo.substring(0, colon + 1) + MASK;
        return url.substring(0, start) + masked + url.substring(at);
    }
}
