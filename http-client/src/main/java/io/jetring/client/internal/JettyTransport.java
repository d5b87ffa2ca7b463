package io.jetring.client.internal;

import io.jetring.client.ClientException;
import io.jetring.client.ClientOptions;
import io.jetring.client.ClientRequest;
import io.jetring.client.ClientResponse;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;

/** Sends calls with a Jetty {@link HttpClient} that this transport owns. */
public final class JettyTransport implements Transport {
    private final HttpClient client;
    private final ClientOptions options;
    private final AtomicBoolean closed = new AtomicBoolean();

    private JettyTransport(HttpClient client, ClientOptions options) {
        this.client = client;
        this.options = options;
    }

    /** A transport with a started Jetty client configured from {@code options}. */
    public static JettyTransport start(ClientOptions options) {
        return new JettyTransport(JettyClients.start(options), options);
    }

    @Override
    public <T> CompletionStage<ClientResponse<T>> send(ClientRequest<T> request) {
        String call = Urls.call(request.method(), request.uri());
        if (closed.get()) {
            return CompletableFuture.failedFuture(new ClientException(call + ": the client is closed"));
        }
        Optional<String> problem = RequestBodies.problem(request.body());
        if (problem.isPresent()) {
            return CompletableFuture.failedFuture(new ClientException(call + ": " + problem.get()));
        }
        Request jetty;
        try {
            jetty = JettyRequests.create(client, request, options);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(new ClientException(call + ": could not build the request: " + e, e));
        }
        return new JettyExchange<>(request, jetty, options, client.getExecutor(), closed::get).send(client.getScheduler());
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            JettyClients.stopQuietly(client);
        }
    }

    @Override
    public String toString() {
        return (closed.get() ? "closed" : "open") + ", " + options.http2() + ", " + client.getDestinations().size()
                + " destinations";
    }
}
