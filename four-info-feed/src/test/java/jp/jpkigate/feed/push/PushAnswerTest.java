package jp.jpkigate.feed.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.time.Duration;
import java.util.Optional;
import jp.jpkigate.feed.outbox.SetError;
import org.junit.jupiter.api.Test;

class PushAnswerTest {
    @Test
    void twoHundredsAreDelivered() {
        assertThat(PushAnswer.of(202, "", null)).isInstanceOf(PushAnswer.Delivered.class);
        assertThat(PushAnswer.of(200, "", null)).isInstanceOf(PushAnswer.Delivered.class);
    }

    @Test
    void aSetTheReceiverCannotAcceptIsRefused() {
        assertThat(PushAnswer.of(400, "{\"err\":\"invalid_request\",\"description\":\"bad\"}", null))
                .isEqualTo(new PushAnswer.Refused(new SetError("invalid_request", "bad")));
        assertThat(PushAnswer.of(400, "{\"err\":\"invalid_audience\"}", null))
                .isEqualTo(new PushAnswer.Refused(new SetError("invalid_audience", "")));
        assertThat(PushAnswer.of(400, "<html>bad request</html>", null)).isInstanceOf(PushAnswer.Refused.class);
        assertThat(PushAnswer.of(400, "{\"err\": 7}", null)).isInstanceOf(PushAnswer.Refused.class);
    }

    @Test
    void keyAndCredentialErrorsAndServerTroubleAreRetried() {
        for (String err : PushAnswer.RETRYABLE_ERRORS) {
            assertThat(PushAnswer.of(400, "{\"err\":\"" + err + "\",\"description\":\"d\"}", null))
                    .isEqualTo(new PushAnswer.Failed(new SetError(err, "d"), Optional.empty()));
        }
        assertThat(PushAnswer.of(503, "", "120")).isEqualTo(new PushAnswer.Failed(new SetError("http_503", "HTTP 503"),
                Optional.of(Duration.ofSeconds(120))));
        assertThat(PushAnswer.of(429, "", "Wed, 21 Oct 2015 07:28:00 GMT")).isEqualTo(new PushAnswer.Failed(
                new SetError("http_429", "HTTP 429"), Optional.empty()));
        assertThat(PushAnswer.of(401, "", null)).isInstanceOf(PushAnswer.Failed.class);
        assertThat(PushAnswer.of(404, "", null)).isInstanceOf(PushAnswer.Failed.class);
        assertThat(PushAnswer.of(307, "", null)).isInstanceOf(PushAnswer.Failed.class);
        assertThat(PushAnswer.unreachable(new ConnectException("refused")))
                .isEqualTo(new PushAnswer.Failed(new SetError("unreachable", "ConnectException"), Optional.empty()));
    }
}
