package io.jetring.client;

import io.jetring.api.Body;
import io.jetring.api.InvalidOptionException;
import io.jetring.api.RingHandler;
import io.jetring.client.internal.InProcessTransport;
import io.jetring.client.internal.JettyTransport;
import io.jetring.client.internal.Transport;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * An asynchronous HTTP client. Create one per application and share it: it holds the connection
 * pools, the cookies and the TLS state. {@link #close()} releases them.
 *
 * <pre>{@code
 * try (JetClient client = JetClient.create()) {
 *     ClientResponse<String> response = client.get("https://example.com/", As.string())
 *             .toCompletableFuture().get(10, TimeUnit.SECONDS);
 *     System.out.println(response.status() + " " + response.body());
 * }
 * }</pre>
 *
 * <p>Every call returns a {@link CompletionStage} that completes exactly once:
 * <ul>
 *   <li>normally with the {@link ClientResponse}, whatever its status (a 404 or 500 is a response,
 *       not a failure): when the whole body has arrived for {@link As.Aggregated} and
 *       {@link As.Discarded}, when the headers have arrived for {@link As.Streamed};</li>
 *   <li>exceptionally with a {@link ClientException} (one of its subclasses where one fits) if no
 *       response could be had.</li>
 * </ul>
 * The stage completes on one of the client's threads, never on an I/O thread: dependent actions may
 * block briefly, and reading a streamed body from there does not starve the exchange. Cancelling the
 * stage ({@code toCompletableFuture().cancel(true)}) aborts the exchange.
 *
 * <p>{@link #inProcess(RingHandler)} gives a client that calls a {@link RingHandler} directly, with
 * no socket: the same API, for testing handlers and client code together in memory.
 */
public final class JetClient implements AutoCloseable {
    private final Transport transport;
    private final ClientOptions options;

    private JetClient(Transport transport, ClientOptions options) {
        this.transport = transport;
        this.options = options;
    }

    /** A client with the default options. */
    public static JetClient create() {
        return create(ClientOptions.defaults());
    }

    /**
     * A client with these options, ready to send.
     *
     * @throws InvalidOptionException if an option cannot work on this machine (a trust store that is
     *                                not there)
     */
    public static JetClient create(ClientOptions options) {
        Objects.requireNonNull(options, "options");
        return new JetClient(JettyTransport.start(options), options);
    }

    /** A client whose every call goes to {@code handler}, in memory, with the default options. */
    public static JetClient inProcess(RingHandler handler) {
        return inProcess(handler, ClientOptions.defaults());
    }

    /**
     * A client whose every call goes to {@code handler}, in memory, whatever the URL's host. The handler
     * sees the request a server would build (remote address {@code 127.0.0.1}, protocol
     * {@code HTTP/1.1}) and runs through the server's dispatcher: its failures become 500 (400, 413)
     * responses as on a server, and an async handler's stage still pending after
     * {@link ClientOptions#inProcessAsyncTimeout()} gets 503. Redirects,
     * cookies, timeouts, size limits and every {@link As} work as over the network; connection
     * options (pooling, TLS, proxy, HTTP/2, compression) do not apply.
     */
    public static JetClient inProcess(RingHandler handler, ClientOptions options) {
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(options, "options");
        return new JetClient(new InProcessTransport(handler, options), options);
    }

    /** Sends {@code request}; see the class comment for how the stage completes. */
    public <T> CompletionStage<ClientResponse<T>> send(ClientRequest<T> request) {
        Objects.requireNonNull(request, "request");
        return transport.send(request);
    }

    /** {@code GET url}, the body handed over {@code as} asked. */
    public <T> CompletionStage<ClientResponse<T>> get(String url, As<T> as) {
        return send(ClientRequest.get(url).as(as).build());
    }

    /** {@code GET url} with the parts that {@code parts} adds: {@code r -> r.query("q", "x").as(As.string())}. */
    public <T> CompletionStage<ClientResponse<T>> get(String url,
                                                      Function<ClientRequest.Builder<byte[]>, ClientRequest.Builder<T>> parts) {
        return send(parts.apply(ClientRequest.get(url)).build());
    }

    /** {@code HEAD url}: status and headers only. */
    public CompletionStage<ClientResponse<Void>> head(String url) {
        return send(ClientRequest.head(url).as(As.discarding()).build());
    }

    /** {@code HEAD url} with the parts that {@code parts} adds. */
    public <T> CompletionStage<ClientResponse<T>> head(String url,
                                                       Function<ClientRequest.Builder<byte[]>, ClientRequest.Builder<T>> parts) {
        return send(parts.apply(ClientRequest.head(url)).build());
    }

    /** {@code DELETE url}, the body handed over {@code as} asked. */
    public <T> CompletionStage<ClientResponse<T>> delete(String url, As<T> as) {
        return send(ClientRequest.delete(url).as(as).build());
    }

    /** {@code DELETE url} with the parts that {@code parts} adds. */
    public <T> CompletionStage<ClientResponse<T>> delete(String url,
                                                         Function<ClientRequest.Builder<byte[]>, ClientRequest.Builder<T>> parts) {
        return send(parts.apply(ClientRequest.delete(url)).build());
    }

    /** {@code POST url} with {@code body}, the response body handed over {@code as} asked. */
    public <T> CompletionStage<ClientResponse<T>> post(String url, Body body, As<T> as) {
        return send(ClientRequest.post(url).body(body).as(as).build());
    }

    /** {@code POST url} with the parts that {@code parts} adds: {@code r -> r.form("a", "1").as(As.string())}. */
    public <T> CompletionStage<ClientResponse<T>> post(String url,
                                                       Function<ClientRequest.Builder<byte[]>, ClientRequest.Builder<T>> parts) {
        return send(parts.apply(ClientRequest.post(url)).build());
    }

    /** {@code PUT url} with {@code body}, the response body handed over {@code as} asked. */
    public <T> CompletionStage<ClientResponse<T>> put(String url, Body body, As<T> as) {
        return send(ClientRequest.put(url).body(body).as(as).build());
    }

    /** {@code PUT url} with the parts that {@code parts} adds. */
    public <T> CompletionStage<ClientResponse<T>> put(String url,
                                                      Function<ClientRequest.Builder<byte[]>, ClientRequest.Builder<T>> parts) {
        return send(parts.apply(ClientRequest.put(url)).build());
    }

    /** {@code PATCH url} with {@code body}, the response body handed over {@code as} asked. */
    public <T> CompletionStage<ClientResponse<T>> patch(String url, Body body, As<T> as) {
        return send(ClientRequest.patch(url).body(body).as(as).build());
    }

    /** {@code PATCH url} with the parts that {@code parts} adds. */
    public <T> CompletionStage<ClientResponse<T>> patch(String url,
                                                        Function<ClientRequest.Builder<byte[]>, ClientRequest.Builder<T>> parts) {
        return send(parts.apply(ClientRequest.patch(url)).build());
    }

    /** The options this client runs with. */
    public ClientOptions options() {
        return options;
    }

    /**
     * Closes the client: calls still in flight fail with a {@link ClientException}, connections are
     * closed and threads stop. Later calls fail at once. Does nothing if already closed.
     */
    @Override
    public void close() {
        transport.close();
    }

    @Override
    public String toString() {
        return "JetClient[" + transport + "]";
    }
}
