package io.jetring.client.internal;

import io.jetring.api.Body;
import io.jetring.api.Headers;
import io.jetring.client.ClientOptions;
import io.jetring.client.ClientRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.ByteBufferRequestContent;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.InputStreamRequestContent;
import org.eclipse.jetty.client.PathRequestContent;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.StringRequestContent;
import org.eclipse.jetty.io.ByteBufferPool;

/** Builds the Jetty request for a {@link ClientRequest}. */
final class JettyRequests {
    private static final int STREAM_BUFFER_SIZE = 16 * 1024;

    private JettyRequests() {
    }

    static Request create(HttpClient client, ClientRequest<?> request, ClientOptions options) {
        Request jetty = client.newRequest(request.uri())
                .method(request.method())
                .idleTimeout(options.idleTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .followRedirects(options.followRedirects());
        Headers headers = request.headers();
        jetty.headers(fields -> {
            for (String name : headers.names()) {
                // Replaces what Jetty put there (User-Agent, Accept-Encoding) with the caller's values.
                fields.remove(name);
            }
            for (int i = 0; i < headers.size(); i++) {
                String name = headers.name(i);
                if (!RequestBodies.isFraming(name) && !name.equalsIgnoreCase("Authorization")) {
                    fields.add(name, headers.value(i));
                }
            }
        });
        headers.first("Authorization").ifPresent(value -> OriginAuthorization.attach(jetty, request.uri(), value));
        Request.Content content = content(client, request);
        if (content != null) {
            jetty.body(content);
        }
        return jetty;
    }

    private static Request.Content content(HttpClient client, ClientRequest<?> request) {
        Body body = request.body();
        String type = RequestBodies.contentType(request.headers(), body);
        if (body instanceof Body.Empty) {
            return RequestBodies.sendsEmptyBody(request.method()) ? new BytesRequestContent(type, new byte[0]) : null;
        }
        if (body instanceof Body.Bytes bytes) {
            return new BytesRequestContent(type, bytes.bytes());
        }
        if (body instanceof Body.Buffer buffer) {
            return new ByteBufferRequestContent(type, buffer.buffer());
        }
        if (body instanceof Body.Text text) {
            return new StringRequestContent(type, text.text(), text.charset());
        }
        if (body instanceof Body.Stream stream) {
            return new InputStreamRequestContent(type, stream.stream(),
                    new ByteBufferPool.Sized(client.getByteBufferPool(), false, STREAM_BUFFER_SIZE));
        }
        if (body instanceof Body.File file) {
            ByteBufferPool.Sized buffers = new ByteBufferPool.Sized(client.getByteBufferPool(), false, STREAM_BUFFER_SIZE);
            if (file.offset() == 0 && file.length().isEmpty()) {
                return new PathRequestContent(type, file.path(), buffers);
            }
            try {
                // A region of a file: sent chunked from a stream over exactly its bytes.
                return new InputStreamRequestContent(type, file.open(), buffers);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (body instanceof Body.Publisher publisher) {
            return new PublisherContent(publisher.publisher(), type);
        }
        throw new IllegalStateException("unknown body variant " + body.getClass());
    }
}
