package io.jetring.client.internal;

import io.jetring.client.ClientRequest;
import io.jetring.client.ClientResponse;
import java.util.concurrent.CompletionStage;

/** What carries a {@link ClientRequest} to a server: Jetty's client, or a handler in memory. */
public interface Transport {
    /** Sends the request; the stage completes as {@code JetClient} documents. */
    <T> CompletionStage<ClientResponse<T>> send(ClientRequest<T> request);

    /** Fails what is in flight and releases every resource; idempotent. */
    void close();
}
