package jp.jpkigate.gateway.app;

import java.util.UUID;

/**
 * Names for this process in Redis leases and stream consumer groups: the pod name on Kubernetes
 * ({@code HOSTNAME}) and a random suffix, so each is unique and an operator who reads a lease
 * ({@code GET} of its key: {@code "<expiry> <holder>"}) sees which pod holds it. No DNS look-up (the
 * event loop never waits for one), no spaces.
 */
final class ReplicaIds {
    private ReplicaIds() {
    }

    /** A new id: {@code <HOSTNAME>/<uuid>}, or {@code replica/<uuid>} without a host name. */
    static String next() {
        String host = System.getenv("HOSTNAME");
        return (host == null || host.isBlank() ? "replica" : host.strip().replace(' ', '-')) + "/" + UUID.randomUUID();
    }
}
