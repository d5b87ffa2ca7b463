package io.jetring.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throw-away key pair and self-signed certificate for TLS tests, made with the JDK's own
 * {@code keytool} into a PKCS12 key store, so no certificate is committed and nothing outside the
 * JDK is needed.
 */
public final class SelfSignedCertificate {
    /** The password of the key store and of the key. */
    public static final String PASSWORD = "changeit";

    private final Path keyStore;

    private SelfSignedCertificate(Path keyStore) {
        this.keyStore = keyStore;
    }

    /**
     * Creates a certificate for {@code CN=localhost} valid for the given subject alternative names,
     * such as {@code dns:localhost} and {@code ip:127.0.0.1}.
     */
    public static SelfSignedCertificate create(Path directory, String... subjectAltNames) throws IOException, InterruptedException {
        Path store = Files.createTempFile(directory, "server", ".p12");
        Files.delete(store);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD));
        if (subjectAltNames.length > 0) {
            command.add("-ext");
            command.add("SAN=" + String.join(",", subjectAltNames));
        }
        Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
            throw new IOException("keytool failed: " + output);
        }
        return new SelfSignedCertificate(store);
    }

    /** The PKCS12 key store holding the key and the certificate. */
    public Path keyStore() {
        return keyStore;
    }

    /** A server context that presents this certificate. */
    public SSLContext serverContext() throws IOException, GeneralSecurityException {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(load(), PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    /** A client context that trusts this certificate (and nothing else). */
    public SSLContext trustingContext() throws IOException, GeneralSecurityException {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(load());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private KeyStore load() throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }
}
