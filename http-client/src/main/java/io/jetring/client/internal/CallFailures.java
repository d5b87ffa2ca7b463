package io.jetring.client.internal;

import io.jetring.api.DataSize;
import io.jetring.client.As;
import io.jetring.client.ClientException;
import io.jetring.client.ClientTimeoutException;
import io.jetring.client.ResponseTooLargeException;
import io.jetring.client.TooManyRedirectsException;
import java.time.Duration;

/** The failures both transports report in the same words. */
final class CallFailures {
    private CallFailures() {
    }

    static ClientTimeoutException requestTimeout(String call, As<?> as, Duration timeout) {
        String what = as instanceof As.Streamed ? "no response headers" : "no complete response";
        return new ClientTimeoutException(call + ": " + what + " within " + timeout.toMillis() + " ms (requestTimeout)",
                ClientTimeoutException.Kind.REQUEST, timeout, null);
    }

    static ResponseTooLargeException tooLarge(String call, DataSize limit) {
        return new ResponseTooLargeException(call + ": the response body is larger than " + limit
                + " (maxResponseBodySize; stream it with As.publisher() or As.inputStream(), or raise the limit)", limit);
    }

    static ClientException badRedirect(String call, int status, String location, Throwable cause) {
        return new ClientException(call + ": could not follow the redirect: " + (location == null
                ? "a " + status + " without a Location header" : "invalid Location \"" + location + "\""), cause);
    }

    static TooManyRedirectsException tooManyRedirects(String call, int max, String location, Throwable cause) {
        return new TooManyRedirectsException(call + ": more than " + max + " redirects (maxRedirects); the last one to "
                + location, max, cause);
    }
}
