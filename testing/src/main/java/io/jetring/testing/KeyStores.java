package io.jetring.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Generates self-signed key stores with the JDK's {@code keytool}, for TLS tests. */
public final class KeyStores {
    /** The password of every generated store. */
    public static final String PASSWORD = "changeit";

    private KeyStores() {
    }

    /**
     * A PKCS12 key store in {@code dir} holding a self-signed RSA key pair for {@code CN=cn}, valid for
     * {@code localhost} and {@code 127.0.0.1}.
     */
    public static Path generate(Path dir, String cn) throws IOException, InterruptedException {
        return generate(dir, cn, "dns:localhost", "ip:127.0.0.1");
    }

    /**
     * A PKCS12 key store in {@code dir} holding a self-signed RSA key pair for {@code CN=cn}, valid for
     * the given subject alternative names, such as {@code dns:elsewhere.example}.
     */
    public static Path generate(Path dir, String cn, String... subjectAltNames) throws IOException, InterruptedException {
        Path store = dir.resolve(cn + ".p12");
        keytool("-genkeypair", "-alias", cn, "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=" + cn, "-ext", "SAN=" + String.join(",", subjectAltNames), "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
        return store;
    }

    /** A PKCS12 trust store in {@code dir} holding only the certificate of {@code keyStore}'s key pair. */
    public static Path trustStoreFor(Path keyStore, Path dir) throws IOException, InterruptedException {
        String name = keyStore.getFileName().toString().replace(".p12", "");
        Path cert = dir.resolve(name + ".crt");
        Path trust = dir.resolve(name + "-trust.p12");
        keytool("-exportcert", "-alias", name, "-keystore", keyStore.toString(), "-storepass", PASSWORD,
                "-rfc", "-file", cert.toString());
        keytool("-importcert", "-noprompt", "-alias", name, "-file", cert.toString(), "-storetype", "PKCS12",
                "-keystore", trust.toString(), "-storepass", PASSWORD);
        return trust;
    }

    /** An SSL context that presents {@code keyStore}'s certificate and trusts exactly {@code trusted}'s. */
    public static SSLContext presenting(Path keyStore, Path trusted) throws Exception {
        KeyStore keys = load(keyStore);
        javax.net.ssl.KeyManagerFactory keyManagers =
                javax.net.ssl.KeyManagerFactory.getInstance(javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, PASSWORD.toCharArray());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(load(trusted));
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), trust.getTrustManagers(), null);
        return context;
    }

    private static KeyStore load(Path store) throws Exception {
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keyStore.load(in, PASSWORD.toCharArray());
        }
        return keyStore;
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool " + args[0] + " failed: " + output);
        }
    }

    /** An SSL context that trusts exactly the certificate in {@code store}. */
    public static SSLContext trusting(Path store) throws Exception {
        KeyStore keyStore = load(store);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(keyStore);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
