package jp.jpkigate.idp.endpoint;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import jp.jpkigate.idp.approval.FourInformationItem;
import jp.jpkigate.idp.approval.RequestedSharing;

/**
 * What a sharing means in plain words, in Japanese and English, for the consent page and the account
 * page: the pairwise identifier and the login facts (always), each scope, the items of the basic 4
 * information, the identity-assurance record, and any other claim by name. Built from escaped text
 * into list items ({@code <li>}).
 */
final class SharingWords {
    /** Protocol claims an ID token carries anyway; the identifier line covers them. */
    private static final Set<String> PROTOCOL_CLAIMS = Set.of("sub", "iss", "aud", "exp", "iat", "auth_time", "nonce",
            "acr", "amr", "azp", "sid");
    /** The scopes and claims that name one of the 4 information (listed as items instead). */
    private static final Set<String> FOUR_INFORMATION_NAMES = Set.of("name", "family_name", "given_name", "birthdate",
            "gender", "address");

    private SharingWords() {
    }

    /** One line, both languages. */
    record Line(String ja, String en) {
        String html() {
            return "<li><span lang=\"ja\">" + Html.escape(ja) + "</span><br><span lang=\"en\" class=\"en\">"
                    + Html.escape(en) + "</span></li>";
        }
    }

    /** Everything but the 4 information: the identifier, the scopes, the other claims. */
    static List<Line> general(RequestedSharing sharing) {
        List<Line> lines = new ArrayList<>();
        lines.add(new Line("あなたを識別するID（このサービス専用で、他のサービスに示すIDとは異なります）",
                "An identifier for you (used only with this service; other services see a different one)"));
        lines.add(new Line("マイナンバーカードでログインした日時と方法",
                "When and how you logged in with your My Number card"));
        for (String scope : sharing.scopes()) {
            switch (scope) {
                case "openid" -> { }
                case "profile" -> lines.add(new Line("基本プロフィール（カードの基本4情報は含みません）",
                        "Basic profile (without the 4 information from your card)"));
                case "offline_access" -> lines.add(new Line("あなたがログインしていない間も、このサービスが利用を続けること",
                        "Continued access by this service while you are not logged in"));
                default -> {
                    if (!FOUR_INFORMATION_NAMES.contains(scope)) {
                        lines.add(new Line("権限「" + scope + "」", "The permission \"" + scope + "\""));
                    }
                }
            }
        }
        if (sharing.asksVerifiedClaims()) {
            lines.add(new Line("本人確認の記録（電子証明書の発行者とシリアル番号、確認した日時）",
                    "A record of the identity check (the certificate's issuer and serial number, and when it was checked)"));
        }
        for (String claim : sharing.claims()) {
            if (!PROTOCOL_CLAIMS.contains(claim) && !FOUR_INFORMATION_NAMES.contains(claim)
                    && !claim.equals("verified_claims") && !claim.startsWith(RequestedSharing.VERIFIED_PREFIX)) {
                lines.add(new Line("情報「" + claim + "」", "The claim \"" + claim + "\""));
            }
        }
        return lines;
    }

    /** The items of the 4 information, in the card's order. */
    static List<Line> fourInformation(RequestedSharing sharing) {
        List<Line> lines = new ArrayList<>();
        for (FourInformationItem item : sharing.fourInformation()) {
            lines.add(switch (item) {
                case NAME -> new Line("氏名", "Name");
                case BIRTHDATE -> new Line("生年月日", "Date of birth");
                case GENDER -> new Line("性別", "Gender");
                case ADDRESS -> new Line("住所", "Address");
            });
        }
        return lines;
    }

    static String html(List<Line> lines) {
        StringBuilder out = new StringBuilder();
        for (Line line : lines) {
            out.append(line.html()).append('\n');
        }
        return out.toString();
    }
}
