/**
 * The simulated J-LIS publication endpoint on Vert.x web: {@link jp.jpkigate.sim.http.SimHttpServer}
 * serves {@code /ca}, {@code /crl/...}, {@code /ocsp}, {@code /linkage/...} and the latest-4-information
 * service's {@code /jlis/consents...} and {@code /jlis/four-information} from
 * {@link jp.jpkigate.sim.http.SimPublisherSources};
 * errors are RFC 9457 problem documents ({@link jp.jpkigate.sim.http.Problem}).
 */
package jp.jpkigate.sim.http;
