package io.jetring.bench;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.IteratingCallback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The baselines: written straight on Jetty 12 with no jetring code, configured like JetServer (same
 * thread pool, HTTP/1.1 + h2c, no Server header) and answering the same bytes as their jetring
 * counterparts in {@link Servers}.
 */
final class Bare {
    static final byte[] HELLO = "Hello, World!".getBytes(StandardCharsets.UTF_8);
    static final String TEXT_PLAIN = "text/plain;charset=utf-8";

    private Bare() {
    }

    /** A Jetty server on {@code port} (0 for any) with {@code handler}, started. */
    static Server start(Handler handler, int port) throws Exception {
        Server server = new Server(new QueuedThreadPool(200, 8));
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http),
                new HTTP2CServerConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(handler);
        server.start();
        return server;
    }

    /** Hello on the I/O thread: a non-blocking core handler, no dispatch. */
    static Handler helloOnIoThread() {
        return new Handler.Abstract.NonBlocking() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                return hello(response, callback);
            }
        };
    }

    /** Hello dispatched to the thread pool: a blocking core handler. */
    static Handler helloDispatched() {
        return new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                return hello(response, callback);
            }
        };
    }

    private static boolean hello(Response response, Callback callback) {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, TEXT_PLAIN);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, HELLO.length);
        response.write(true, ByteBuffer.wrap(HELLO), callback);
        return true;
    }

    /** Hello from an ee10 servlet. */
    static Handler helloServlet() {
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
                response.setStatus(200);
                response.setHeader("Content-Type", TEXT_PLAIN);
                response.setContentLength(HELLO.length);
                response.getOutputStream().write(HELLO);
            }
        }), "/*");
        return context;
    }

    /** A WebSocket echo on Jetty's own API: each message sent back as it came, auto-demanding. */
    static Server startWebSocketEcho(int port) throws Exception {
        Server server = new Server(new QueuedThreadPool(200, 8));
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler ws =
                org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler.from(server, container -> {
                    container.setMaxTextMessageSize(64 * 1024);
                    container.setMaxBinaryMessageSize(64 * 1024);
                    container.addMapping("/*", (request, response, callback) -> new EchoEndpoint());
                });
        ws.setHandler(helloOnIoThread());
        server.setHandler(ws);
        server.start();
        return server;
    }

    /** Jetty's listener API: echo text as text and binary as binary. Public for Jetty's reflection. */
    public static final class EchoEndpoint implements org.eclipse.jetty.websocket.api.Session.Listener.AutoDemanding {
        private org.eclipse.jetty.websocket.api.Session session;

        @Override
        public void onWebSocketOpen(org.eclipse.jetty.websocket.api.Session session) {
            this.session = session;
        }

        @Override
        public void onWebSocketText(String message) {
            session.sendText(message, org.eclipse.jetty.websocket.api.Callback.NOOP);
        }

        @Override
        public void onWebSocketBinary(ByteBuffer payload, org.eclipse.jetty.websocket.api.Callback callback) {
            session.sendBinary(payload, callback);
        }
    }

    /** {@code chunks} chunks of {@code size} bytes, each written when the previous write completed. */
    static Handler stream(int chunks, int size) {
        byte[] chunk = new byte[size];
        java.util.Arrays.fill(chunk, (byte) 'x');
        return new Handler.Abstract.NonBlocking() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                response.setStatus(200);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/octet-stream");
                new IteratingCallback() {
                    private int sent;

                    @Override
                    protected Action process() {
                        if (sent == chunks) {
                            response.write(true, null, this);
                            sent++;
                            return Action.SCHEDULED;
                        }
                        if (sent > chunks) {
                            return Action.SUCCEEDED;
                        }
                        sent++;
                        response.write(false, ByteBuffer.wrap(chunk), this);
                        return Action.SCHEDULED;
                    }

                    @Override
                    protected void onCompleteSuccess() {
                        callback.succeeded();
                    }

                    @Override
                    protected void onCompleteFailure(Throwable cause) {
                        callback.failed(cause);
                    }
                }.iterate();
                return true;
            }
        };
    }
}
