package io.jetring.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.jetring.router.Route;
import io.jetring.router.Router;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The notes contract on the default store, H2 in memory; and which routes may block. */
class NotesH2Test extends NotesContract {
    @Override
    NoteStore openStore() {
        return NoteStore.inMemory();
    }

    @Test
    void theRoutesThatBlockAreSyncTheOthersAsync() {
        try (NoteStore store = NoteStore.inMemory()) {
            Router router = DemoApp.handler(DemoApp.rpcServer(), new NotesApp(store, "x", List.of()));
            Map<String, Boolean> async = router.routes().stream().collect(Collectors.toMap(
                    route -> String.join(",", route.methods()) + " " + route.template(), route -> route.handler().isAsync()));
            assertThat(async).containsAllEntriesOf(Map.of("GET /api/notes", false, "POST /api/notes", false,
                    "GET /api/notes/{id}", false, "DELETE /api/notes/{id}", false, "POST /api/upload", false));
            assertThat(async).containsAllEntriesOf(Map.of("POST /login", true, "POST /logout", true, "GET /app", true,
                    "GET /api/session", true, "GET /api/events", true, "GET /ws/chat", true, "GET /static/{*file}", true));
            assertThat(router.isAsync()).isTrue();
            assertThat(router.routes()).extracting(Route::template).contains("/ws/echo", "/rpc");
        }
    }
}
