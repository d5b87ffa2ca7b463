package io.jetring.middleware;

import io.jetring.api.BadRequestException;
import io.jetring.api.DataSize;
import io.jetring.api.InvalidOptionException;
import io.jetring.api.Middleware;
import io.jetring.api.Request;
import io.jetring.api.RequestBody;
import io.jetring.api.RingHandler;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Query and form parameters (Ring's {@code wrap-params}): the middleware decodes the query string
 * and an {@code application/x-www-form-urlencoded} body before the handler runs, and the handler
 * reads them with {@link #query}, {@link #form} or {@link #get} (both, query first):
 * <pre>{@code
 * RingHandler app = request -> Response.ok("page " + Params.query(request).getInt("page", 1));
 * JetServer.run(app.wrap(Params.middleware()), options);
 * }</pre>
 *
 * <p>A malformed query is a 400 whose message starts with {@code query:}, a malformed form one that
 * starts with {@code form:}; a form larger than {@link Options#formLimit()} is a 413. Around an async
 * handler the form is read with {@code body().bytes(limit)}, never blocking; around a sync one it is
 * read on the worker thread. The body the handler then sees is the form's bytes, readable once more.
 */
public final class Params {
    private static final String QUERY = Params.class.getName() + ".query";
    private static final String FORM = Params.class.getName() + ".form";
    private static final String NAME = "Params.middleware()";
    private static final String FORM_TYPE = "application/x-www-form-urlencoded";

    private Params() {
    }

    /** The middleware with {@link Options#defaults()}. */
    public static Middleware middleware() {
        return middleware(Options.defaults());
    }

    /** The middleware with these options. */
    public static Middleware middleware(Options options) {
        Objects.requireNonNull(options, "options");
        return handler -> handler.isAsync()
                ? RingHandler.async(request -> decodeAsync(request, options).thenCompose(handler::handleAsync))
                : request -> handler.handle(decodeBlocking(request, options));
    }

    /** The query parameters; fails if the request did not pass through {@link #middleware()}. */
    public static Parameters query(Request request) {
        return StateAccess.require(request, QUERY, Parameters.class, "Params.query", NAME);
    }

    /** The form parameters (empty unless the body was a URL-encoded form); fails without {@link #middleware()}. */
    public static Parameters form(Request request) {
        return StateAccess.require(request, FORM, Parameters.class, "Params.form", NAME);
    }

    /** The query's parameters, then the form's; fails if the request did not pass through {@link #middleware()}. */
    public static Parameters get(Request request) {
        return query(request).merge(form(request));
    }

    /** Whether the request passed through {@link #middleware()} (other middleware look for a form this way). */
    static boolean present(Request request) {
        return request.attributes().get(FORM) instanceof Parameters;
    }

    private static Request decodeBlocking(Request request, Options options) throws IOException {
        Request withQuery = withQuery(request, options);
        if (!isForm(request)) {
            return withQuery.withAttribute(FORM, Parameters.empty());
        }
        return withForm(withQuery, StateAccess.readBlocking(request.body(), formLimit(request, options)), options);
    }

    private static CompletionStage<Request> decodeAsync(Request request, Options options) {
        Request withQuery = withQuery(request, options);
        if (!isForm(request)) {
            return CompletableFuture.completedFuture(withQuery.withAttribute(FORM, Parameters.empty()));
        }
        return request.body().bytes(formLimit(request, options)).thenApply(bytes -> withForm(withQuery, bytes, options));
    }

    private static Request withQuery(Request request, Options options) {
        Parameters query = request.queryString()
                .map(q -> Parameters.of(FormCodec.decode(q, StandardCharsets.UTF_8, "query", options.maxFields())))
                .orElse(Parameters.empty());
        return request.withAttribute(QUERY, query);
    }

    private static Request withForm(Request request, byte[] bytes, Options options) {
        Charset charset = charset(request.contentType().orElse(""));
        String text;
        try {
            text = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new BadRequestException("form: " + bytes.length + " bytes (expected: " + charset.name() + " text)");
        }
        Parameters form = Parameters.of(FormCodec.decode(text, charset, "form", options.maxFields()));
        return request.withAttribute(FORM, form).withBody(RequestBody.of(bytes));
    }

    private static boolean isForm(Request request) {
        return MediaType.is(request.contentType(), FORM_TYPE);
    }

    private static DataSize formLimit(Request request, Options options) {
        return options.formLimit().orElse(request.body().defaultLimit());
    }

    private static Charset charset(String contentType) {
        Optional<String> name = MediaType.parameter(contentType, "charset");
        if (name.isEmpty()) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(name.get());
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new BadRequestException("form: charset " + StateAccess.quote(name.get())
                    + " (expected: a charset such as UTF-8)");
        }
    }

    /**
     * The options of {@link #middleware(Options)}.
     *
     * @param formLimit the largest form body read; empty: the server's {@code maxBodySize}
     * @param maxFields the most name/value pairs in a query or a form ({@code >= 1}); more is a 400
     */
    public record Options(Optional<DataSize> formLimit, int maxFields) {
        /** Checks the rules. */
        public Options {
            Objects.requireNonNull(formLimit, "formLimit");
            if (maxFields < 1) {
                throw InvalidOptionException.of("maxFields", maxFields, ">= 1");
            }
        }

        /** The server's body limit for forms, at most 1000 fields. */
        public static Options defaults() {
            return new Options(Optional.empty(), 1000);
        }

        /** These options with another form limit. */
        public Options withFormLimit(DataSize limit) {
            return new Options(Optional.of(limit), maxFields);
        }

        /** These options with another field limit. */
        public Options withMaxFields(int maxFields) {
            return new Options(formLimit, maxFields);
        }
    }
}
