package io.jetring.jetty;

import io.jetring.api.InvalidOptionException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * TLS settings of a server: its key store, and how it treats client certificates. Only TLS 1.2 and
 * 1.3 are offered.
 *
 * @param keyStore           the key store holding the server's private key and certificate chain
 * @param keyStorePassword   its password
 * @param keyStoreType       {@code PKCS12} (default) or {@code JKS}
 * @param clientAuth         whether client certificates are asked for
 * @param trustStore         the store of CAs trusted to sign client certificates; the JDK's if empty
 * @param trustStorePassword its password
 */
public record TlsOptions(
        Path keyStore,
        String keyStorePassword,
        String keyStoreType,
        ClientAuth clientAuth,
        Optional<Path> trustStore,
        Optional<String> trustStorePassword) {

    /** Requires every field and checks the key store type. */
    public TlsOptions {
        Objects.requireNonNull(keyStore, "keyStore");
        Objects.requireNonNull(keyStorePassword, "keyStorePassword");
        Objects.requireNonNull(keyStoreType, "keyStoreType");
        Objects.requireNonNull(clientAuth, "clientAuth");
        Objects.requireNonNull(trustStore, "trustStore");
        Objects.requireNonNull(trustStorePassword, "trustStorePassword");
        if (!keyStoreType.equals("PKCS12") && !keyStoreType.equals("JKS")) {
            throw InvalidOptionException.of("tls.keyStoreType", keyStoreType, "PKCS12 or JKS");
        }
    }

    /** A PKCS12 key store with its password, and no client authentication. */
    public static TlsOptions of(Path keyStore, String keyStorePassword) {
        return new TlsOptions(keyStore, keyStorePassword, "PKCS12", ClientAuth.NONE, Optional.empty(), Optional.empty());
    }

    /** These options with another key store type. */
    public TlsOptions withKeyStoreType(String type) {
        return new TlsOptions(keyStore, keyStorePassword, type, clientAuth, trustStore, trustStorePassword);
    }

    /** These options with client certificates asked for as {@code clientAuth} says. */
    public TlsOptions withClientAuth(ClientAuth clientAuth) {
        return new TlsOptions(keyStore, keyStorePassword, keyStoreType, clientAuth, trustStore, trustStorePassword);
    }

    /** These options with a trust store for client certificates. */
    public TlsOptions withTrustStore(Path trustStore, String password) {
        return new TlsOptions(keyStore, keyStorePassword, keyStoreType, clientAuth, Optional.of(trustStore),
                Optional.of(password));
    }

    /** Hides the passwords. */
    @Override
    public String toString() {
        return "TlsOptions[keyStore=" + keyStore + ", keyStoreType=" + keyStoreType + ", clientAuth=" + clientAuth
                + ", trustStore=" + trustStore + "]";
    }
}
