package jp.jpkigate.consent.page;

import java.time.Instant;
import jp.jpkigate.consent.record.ConsentRecord;

/** Where a consent stands, in the person's words (Japanese, English) and a stable wire name for tests. */
public record StatusWords(String wire, String ja, String en) {
    public static StatusWords of(ConsentRecord consent, Instant now) {
        return switch (consent.state()) {
            case REGISTERING -> new StatusWords("registering", "J-LISへの登録待ち", "Waiting for J-LIS to register it");
            case ACTIVE -> consent.isExpired(now)
                    ? new StatusWords("expired", "有効期間終了", "Expired")
                    : new StatusWords("active", "有効", "In force");
            case WITHDRAWN -> new StatusWords("withdrawn", "取り消し済み", "Withdrawn");
            case REPLACED -> new StatusWords("replaced", "新しい同意に置き換え済み", "Replaced by a newer consent");
        };
    }
}
