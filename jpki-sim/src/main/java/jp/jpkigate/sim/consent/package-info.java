/**
 * The simulated J-LIS's consent registry of the latest-4-information service (最新の4情報提供サービス)
 * and its provision of the latest 4 information to the platform operator: plain Java over the
 * {@link jp.jpkigate.sim.registry.SimRegistry}, kept in a {@link jp.jpkigate.sim.consent.ConsentStore}
 * ({@code consents.json} in a state directory, or memory). The HTTP contract is in
 * {@code jp.jpkigate.sim.http.ConsentRoutes} and {@code FourInformationRoutes}.
 */
package jp.jpkigate.sim.consent;
