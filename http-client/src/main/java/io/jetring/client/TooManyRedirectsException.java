package io.jetring.client;

/**
 * The server kept redirecting past {@link ClientOptions#maxRedirects()}: a redirect loop, most
 * likely.
 */
public final class TooManyRedirectsException extends ClientException {
    private final int maxRedirects;

    /** Creates the exception; the message names the call and the limit. */
    public TooManyRedirectsException(String message, int maxRedirects, Throwable cause) {
        super(message, cause);
        this.maxRedirects = maxRedirects;
    }

    /** The number of redirects that were followed before giving up. */
    public int maxRedirects() {
        return maxRedirects;
    }
}
