package jp.jpkigate.consent.page;

import java.util.List;
import jp.jpkigate.idp.approval.FourInformationItem;
import jp.jpkigate.idp.endpoint.Html;

/** The items of the 4 information in plain words, Japanese and English, as list items. */
public final class ItemWords {
    private ItemWords() {
    }

    public static String html(List<FourInformationItem> items) {
        StringBuilder out = new StringBuilder();
        for (FourInformationItem item : items) {
            String[] words = switch (item) {
                case NAME -> new String[] {"氏名", "Name"};
                case BIRTHDATE -> new String[] {"生年月日", "Date of birth"};
                case GENDER -> new String[] {"性別", "Gender"};
                case ADDRESS -> new String[] {"住所", "Address"};
            };
            out.append("<li data-item=\"").append(item.name().toLowerCase(java.util.Locale.ROOT)).append("\"><span lang=\"ja\">")
                    .append(Html.escape(words[0])).append("</span> / <span lang=\"en\">").append(Html.escape(words[1]))
                    .append("</span></li>\n");
        }
        return out.toString();
    }
}
