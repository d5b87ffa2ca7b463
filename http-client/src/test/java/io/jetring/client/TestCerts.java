package io.jetring.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Self-signed certificates made with the JDK's keytool, for TLS tests. */
final class TestCerts {
    static final String PASSWORD = "changeit";

    private TestCerts() {
    }

    /**
     * A server key store for {@code names} (SAN entries such as {@code dns:localhost}) and a trust store
     * holding its certificate.
     *
     * @param keyStore   PKCS12, the server's key and self-signed certificate
     * @param trustStore PKCS12, that certificate alone
     */
    record Stores(Path keyStore, Path trustStore) {
    }

    static Stores generate(Path dir, String prefix, String... names) throws IOException, InterruptedException {
        Path keyStore = dir.resolve(prefix + "-server.p12");
        Path cert = dir.resolve(prefix + "-server.crt");
        Path trustStore = dir.resolve(prefix + "-trust.p12");
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=" + prefix, "-ext", "SAN=" + String.join(",", names),
                "-keystore", keyStore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD);
        keytool("-exportcert", "-alias", "server", "-keystore", keyStore.toString(), "-storepass", PASSWORD,
                "-rfc", "-file", cert.toString());
        keytool("-importcert", "-noprompt", "-alias", "server", "-file", cert.toString(),
                "-keystore", trustStore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
        return new Stores(keyStore, trustStore);
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        boolean exited = process.waitFor(60, TimeUnit.SECONDS);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!exited) {
            process.destroyForcibly();
        }
        assertThat(exited).as("keytool %s finished within 60 s", args[0]).isTrue();
        assertThat(process.exitValue()).as("keytool %s: %s", args[0], output).isZero();
    }
}
