package jp.jpkigate.idp.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Templates: values escaped (markup only from {@code qrSvg} and {@code ...Html}), one pass, unknown placeholders kept. */
class HtmlTest {
    @Test
    void valuesAreEscapedUnlessTheyAreMarkup() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("clientName", "<b>\"Bank\" & 'Co'</b>");
        values.put("qrSvg", "<svg/>");
        values.put("noteHtml", "<em>x</em>");
        assertThat(Html.render("<p>{{clientName}}</p>{{qrSvg}}{{noteHtml}}{{clientName}}", values))
                .isEqualTo("<p>&lt;b&gt;&quot;Bank&quot; &amp; &#39;Co&#39;&lt;/b&gt;</p><svg/><em>x</em>"
                        + "&lt;b&gt;&quot;Bank&quot; &amp; &#39;Co&#39;&lt;/b&gt;");
    }

    @Test
    void aValueIsNeverSearchedForPlaceholders() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("clientName", "{{signerUrl}}");
        values.put("signerUrl", "https://op.example/login/x");
        assertThat(Html.render("{{clientName}} {{signerUrl}}", values)).isEqualTo("{{signerUrl}} https://op.example/login/x");
    }

    @Test
    void placeholdersWithoutAValueAndStrayBracesStay() {
        assertThat(Html.render("a {{missing}} b {{x}} {{ c", Map.of("x", "日本"))).isEqualTo("a {{missing}} b 日本 {{ c");
        assertThat(Html.render("", Map.of())).isEmpty();
    }
}
