/**
 * CRL publishing of the simulated J-LIS (RFC 5280 5): complete and delta CRLs per CA generation,
 * CA-wide or per municipality partition, and a streaming writer for CRLs with millions of entries.
 *
 * <ul>
 *   <li>{@link jp.jpkigate.sim.crl.CrlPublisher}: {@code full(scope)}, {@code delta(scope, base)}.</li>
 *   <li>{@link jp.jpkigate.sim.crl.CrlNumber}: one numbering for full and delta CRLs,
 *       {@code lastEventSequence << 32 | thisUpdateEpochSeconds}, so a delta can be built against any
 *       base number without a publication history.</li>
 *   <li>{@link jp.jpkigate.sim.crl.RevocationState}: replay rules (hold, release, permanent).</li>
 *   <li>{@link jp.jpkigate.sim.crl.BulkCrlWriter}: synthetic N-entry CRLs straight to a stream.</li>
 * </ul>
 * Reason codes: the reasonCode entry extension is omitted for unspecified (RFC 5280 5.3.1) and present
 * otherwise; removeFromCRL appears only in delta CRLs.
 */
package jp.jpkigate.sim.crl;
