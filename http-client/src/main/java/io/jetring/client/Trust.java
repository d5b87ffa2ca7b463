package io.jetring.client;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Which server certificates the client accepts over TLS. Certificate and host name verification are
 * on unless {@link #insecureTrustAll()} is chosen by name; there is no other way to turn them off.
 */
public sealed interface Trust permits Trust.SystemDefault, Trust.Store, Trust.InsecureTrustAll {

    /** The JDK's default trust store ({@code cacerts}, or {@code javax.net.ssl.trustStore} if set). */
    static Trust systemDefault() {
        return SystemDefault.INSTANCE;
    }

    /** The certificates in this trust store file (PKCS12 or JKS), instead of the JDK's. */
    static Trust store(Path path, String password) {
        return new Store(path, password);
    }

    /**
     * Accept any certificate for any host: <b>no protection against a man in the middle</b>. For a
     * development server with a self-signed certificate, never for production. The client logs a
     * warning when it starts with this setting.
     */
    static Trust insecureTrustAll() {
        return InsecureTrustAll.INSTANCE;
    }

    /** The JDK's default trust store. Use {@link Trust#systemDefault()}. */
    record SystemDefault() implements Trust {
        private static final SystemDefault INSTANCE = new SystemDefault();
    }

    /**
     * A trust store file. {@link JetClient#create(ClientOptions)} checks that it is readable.
     *
     * @param path     the file, PKCS12 or JKS
     * @param password its password
     */
    record Store(Path path, String password) implements Trust {
        /** Requires both fields. */
        public Store {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(password, "password");
        }

        /** Hides the password. */
        @Override
        public String toString() {
            return "Store[path=" + path + "]";
        }
    }

    /** No verification at all. Use {@link Trust#insecureTrustAll()}. */
    record InsecureTrustAll() implements Trust {
        private static final InsecureTrustAll INSTANCE = new InsecureTrustAll();
    }
}
