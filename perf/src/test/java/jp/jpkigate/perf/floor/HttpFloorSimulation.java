package jp.jpkigate.perf.floor;

import jp.jpkigate.perf.revocation.ValidityCheckSimulation;

/**
 * The HTTP floor under load: {@link ValidityCheckSimulation}'s single check — the same bodies, Basic
 * header, shared connection pool, rate and checks ({@code check.*} parameters) — sent to
 * {@code jp.jpkigate.perf.floor.TrivialEndpointServer} instead of the gateway ({@code perf.baseUrl},
 * {@code perf.serverPids} of that process). Its server CPU per request is the floor of the single check.
 */
public class HttpFloorSimulation extends ValidityCheckSimulation {
    public HttpFloorSimulation() throws java.security.cert.CertificateEncodingException {
        super("http-floor");
    }
}
