/**
 * The simulated J-LIS OCSP responder (RFC 6960) without transport:
 * {@link jp.jpkigate.sim.ocsp.OcspResponder#respond(byte[])} turns DER requests into DER responses
 * signed by a delegated responder per CA generation ({@link jp.jpkigate.sim.ocsp.OcspSigner},
 * handed out and renewed by {@link jp.jpkigate.sim.ocsp.OcspSigners}).
 */
package jp.jpkigate.sim.ocsp;
