/**
 * An asynchronous HTTP client on Jetty's {@code HttpClient} that shares the server's types:
 * {@link io.jetring.client.JetClient} sends {@link io.jetring.client.ClientRequest}s and completes a
 * stage with a {@link io.jetring.client.ClientResponse} whose body is read {@link io.jetring.client.As}
 * asked. Jetty types stay in {@code io.jetring.client.internal}, which is not API.
 */
package io.jetring.client;
