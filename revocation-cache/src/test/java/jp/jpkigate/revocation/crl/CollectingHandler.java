package jp.jpkigate.revocation.crl;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** Records every entry as (serial, epoch second, reason). */
final class CollectingHandler implements CrlEntryHandler {
    record Seen(BigInteger serial, long revoked, int reason) {
    }

    final List<Seen> entries = new ArrayList<>();
    long thisUpdate = Long.MIN_VALUE;

    @Override
    public void thisUpdate(long epochSecond) {
        thisUpdate = epochSecond;
    }

    @Override
    public void entry(byte[] serial, int offset, int length, long revocationEpochSecond, int reasonCode) {
        entries.add(new Seen(new BigInteger(serial, offset, length), revocationEpochSecond, reasonCode));
    }
}
