package jp.jpkigate.sim.consent;

import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.util.Objects;
import java.util.regex.Pattern;
import jp.jpkigate.sim.registry.CertId;

/**
 * The platform operator asks for the latest 4 information of a consenting person whose signature
 * certificate it knows was revoked ({@code POST /jlis/four-information}):
 * <pre>
 *   "registry_id":        J-LIS's id of the consent, e.g. "R000001"
 *   "certificate_serial": hex serial (1 to 40 digits) of the revoked signature certificate it knows
 *   "issuer":             the simulator's id of the CA generation that issued it, e.g. "sign-2026"
 *                         (all generations share one issuer DN, so the DN cannot name the generation;
 *                         the renewal linkage service names certificates the same way)
 * </pre>
 */
public record ProvisionRequest(String registryId, CertId certificate) {
    static final Pattern REGISTRY_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    static final Pattern SERIAL = Pattern.compile("[0-9A-Fa-f]{1,40}");
    static final Pattern CA_ID = Pattern.compile("[a-z]{1,16}-[0-9]{4}");

    public ProvisionRequest {
        Objects.requireNonNull(registryId, "registryId");
        Objects.requireNonNull(certificate, "certificate");
    }

    /** Reads and checks a request body; throws {@link ConsentRefused} ({@link Refusal#MALFORMED}). */
    public static ProvisionRequest parse(JsonObject json) {
        String registryId = JsonFields.string(json, "registry_id", REGISTRY_ID, "a registry id such as R000001");
        String serial = JsonFields.string(json, "certificate_serial", SERIAL, "1 to 40 hex digits");
        String issuer = JsonFields.string(json, "issuer", CA_ID, "a CA generation id such as sign-2026");
        return new ProvisionRequest(registryId, new CertId(issuer, new BigInteger(serial, 16)));
    }
}
