package jp.jpkigate.feed.detect;

import io.vertx.core.Future;
import java.math.BigInteger;

/**
 * J-LIS's latest-4-information provision: for a consent J-LIS recorded ({@code registryId}) and the revoked
 * signature certificate the platform knows ({@code caId}, {@code serial}), the person's current certificate and
 * consented items, "no new certificate yet", or "consent not in force". Other failures are
 * {@code jp.jpkigate.consent.registry.JlisException}: {@code UNAVAILABLE} (retry later, also for an answer that
 * cannot be read) or {@code REFUSED} (asking again the same way cannot help).
 */
public interface FourInformationSource {
    Future<ProvisionAnswer> latest(String registryId, String caId, BigInteger serial);
}
