package jp.jpkigate.idp.endpoint;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import jp.jpkigate.idp.login.LoginException;
import jp.jpkigate.idp.login.LoginProblem;
import jp.jpkigate.idp.login.PageForm;
import jp.jpkigate.idp.oauth.OAuthException;
import jp.jpkigate.idp.web.FormBody;

/**
 * Reads the form POST of one of the OP's own pages: {@code application/x-www-form-urlencoded}, at
 * most {@link #MAX_BYTES}, parsed strictly ({@link FormBody}) into a typed form. Every malformation
 * (content type, size, encoding, fields) is {@link LoginProblem#INVALID_FORM}, shown as a 400 page.
 */
public final class HtmlForm {
    /** A page's form is a token and a word or two. */
    static final int MAX_BYTES = 2048;

    private HtmlForm() {
    }

    public static <T> Future<T> read(HttpServerRequest request, PageForm.Reader<T> reader) {
        return FormBody.read(request, MAX_BYTES)
                .recover(failure -> Future.failedFuture(failure instanceof OAuthException
                        ? LoginProblem.INVALID_FORM.toException() : failure))
                .compose(form -> {
                    try {
                        return Future.succeededFuture(reader.read(form));
                    } catch (LoginException e) {
                        return Future.failedFuture(e);
                    }
                });
    }
}
