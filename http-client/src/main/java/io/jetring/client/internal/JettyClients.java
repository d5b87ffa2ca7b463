package io.jetring.client.internal;

import io.jetring.api.InvalidOptionException;
import io.jetring.client.ClientException;
import io.jetring.client.ClientOptions;
import io.jetring.client.Http2Mode;
import io.jetring.client.ProxyOptions;
import io.jetring.client.Trust;
import java.nio.file.Files;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.HttpProxy;
import org.eclipse.jetty.client.transport.HttpClientConnectionFactory;
import org.eclipse.jetty.client.transport.HttpClientTransportDynamic;
import org.eclipse.jetty.http.HttpCookieStore;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.client.transport.ClientConnectionFactoryOverHTTP2;
import org.eclipse.jetty.io.ClientConnectionFactory;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds and starts the Jetty {@link HttpClient} that {@link ClientOptions} describe. */
final class JettyClients {
    private static final Logger LOG = LoggerFactory.getLogger("io.jetring.client.JetClient");

    private JettyClients() {
    }

    /** A started client; fails with {@link InvalidOptionException} for a trust store that cannot be used. */
    static HttpClient start(ClientOptions options) {
        checkMachine(options);
        ClientConnector connector = new ClientConnector();
        connector.setSslContextFactory(tls(options.trust()));
        connector.setConnectTimeout(options.connectTimeout());
        connector.setIdleTimeout(options.idleTimeout());

        HttpClient client = new HttpClient(new HttpClientTransportDynamic(connector, protocols(options.http2(), connector)));
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("jetring-client");
        // Like the JDK's client: a forgotten client must not keep the JVM alive.
        threads.setDaemon(true);
        client.setExecutor(threads);
        client.setScheduler(new ScheduledExecutorScheduler("jetring-client-scheduler", true));
        client.setConnectTimeout(options.connectTimeout().toMillis());
        client.setIdleTimeout(options.idleTimeout().toMillis());
        client.setMaxConnectionsPerDestination(options.maxConnectionsPerDestination());
        client.setFollowRedirects(options.followRedirects());
        client.setMaxRedirects(options.maxRedirects());
        client.setUserAgentField(options.userAgent().map(agent -> new HttpField(HttpHeader.USER_AGENT, agent)).orElse(null));
        if (!options.cookies()) {
            client.setHttpCookieStore(new HttpCookieStore.Empty());
        }
        options.proxy().ifPresent(proxy -> client.getProxyConfiguration().addProxy(httpProxy(proxy)));
        client.getRequestListeners().addQueuedListener(OriginAuthorization.LISTENER);
        try {
            client.start();
        } catch (Exception e) {
            stopQuietly(client);
            if (options.trust() instanceof Trust.Store store) {
                throw InvalidOptionException.of("trust", store, "a trust store that opens with its password: " + e.getMessage());
            }
            throw new ClientException("could not start the client: " + e, e);
        }
        if (!options.decompress()) {
            // Started clients hold the decoders found on the class path; without them no Accept-Encoding is sent.
            client.getContentDecoderFactories().clear();
        }
        return client;
    }

    private static void checkMachine(ClientOptions options) {
        if (options.trust() instanceof Trust.Store store && !Files.isReadable(store.path())) {
            throw InvalidOptionException.of("trust.path", store.path(), "a readable trust store file");
        }
    }

    private static ClientConnectionFactory.Info[] protocols(Http2Mode mode, ClientConnector connector) {
        ClientConnectionFactory.Info http11 = HttpClientConnectionFactory.HTTP11;
        if (mode == Http2Mode.DISABLED) {
            return new ClientConnectionFactory.Info[] {http11};
        }
        ClientConnectionFactory.Info http2 = new ClientConnectionFactoryOverHTTP2.HTTP2(new HTTP2Client(connector));
        // In clear text the first protocol is used as is; over TLS, ALPN chooses among them all.
        return mode == Http2Mode.PRIOR_KNOWLEDGE
                ? new ClientConnectionFactory.Info[] {http2, http11}
                : new ClientConnectionFactory.Info[] {http11, http2};
    }

    private static SslContextFactory.Client tls(Trust trust) {
        SslContextFactory.Client ssl = new SslContextFactory.Client();
        ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
        if (trust instanceof Trust.Store store) {
            ssl.setTrustStorePath(store.path().toAbsolutePath().toString());
            ssl.setTrustStorePassword(store.password());
        } else if (trust instanceof Trust.InsecureTrustAll) {
            LOG.warn("TLS certificate and host name verification are OFF (Trust.insecureTrustAll()): "
                    + "any server can impersonate any other; never use this in production");
            ssl.setTrustAll(true);
            ssl.setEndpointIdentificationAlgorithm(null);
        }
        return ssl;
    }

    private static HttpProxy httpProxy(ProxyOptions options) {
        HttpProxy proxy = new HttpProxy(options.host(), options.port());
        proxy.getExcludedAddresses().addAll(options.excludedHosts());
        return proxy;
    }

    static void stopQuietly(HttpClient client) {
        try {
            client.stop();
        } catch (Exception e) {
            LOG.debug("stopping the Jetty client failed", e);
        }
    }
}
