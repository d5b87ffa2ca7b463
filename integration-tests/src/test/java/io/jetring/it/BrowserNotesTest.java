package io.jetring.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.jetring.examples.DemoApp;
import io.jetring.examples.NoteStore;
import io.jetring.examples.NotesApp;
import io.jetring.jetty.JetServer;
import io.jetring.jetty.ServerOptions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The notes application's page in headless Chromium, driven by playwright-core: two users log in
 * with the form, a note one creates reaches the other through {@code EventSource}, a deletion comes
 * back the same way, and a chat message goes each way over {@code /ws/chat}.
 * {@code .ci/setup-chromium.sh} installs Chromium and playwright-core first.
 */
class BrowserNotesTest {
    @BeforeAll
    static void installChromium() throws Exception {
        NodeProcess.setUp("setup-chromium.sh");
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void twoUsersShareNotesLiveAndChat() throws Exception {
        try (NoteStore store = NoteStore.inMemory()) {
            NotesApp notes = new NotesApp(store, Map.of("DEMO_PASSWORD", "s3cret"));
            try (JetServer server = JetServer.run(DemoApp.handler(DemoApp.rpcServer(), notes),
                    ServerOptions.builder().host("127.0.0.1").port(0).stopTimeout(Duration.ofSeconds(2)).build())) {
                try (NodeProcess browser = NodeProcess.start("browser-notes.mjs", server.uri().toString(), "s3cret")) {
                    // Launching Chromium on a busy machine takes a while: the first line waits longest.
                    assertThat(browser.nextLine(90)).isEqualTo("{\"event\":\"logged in\",\"user\":\"ada\"}");
                    assertThat(browser.nextLine(60)).isEqualTo("{\"event\":\"logged in\",\"user\":\"grace\"}");
                    assertThat(browser.nextLine(30)).startsWith("{\"scenario\":\"note through EventSource\",\"result\":\"TITLEmilk, eggsada, ");
                    assertThat(browser.nextLine(30)).isEqualTo("{\"scenario\":\"deletion through EventSource\",\"result\":\"gone\"}");
                    assertThat(browser.nextLine(30)).isEqualTo("{\"scenario\":\"chat ada to grace\",\"result\":\"adahello from ada\"}");
                    assertThat(browser.nextLine(30)).isEqualTo("{\"scenario\":\"chat grace to ada\",\"result\":\"gracehi ada\"}");
                    assertThat(browser.nextLine(30)).isEqualTo("{\"event\":\"done\"}");
                    assertThat(browser.awaitExit()).isZero();
                }
                notes.close();   // ends the event streams, so that the stop need not wait for them
            }
        }
    }
}
