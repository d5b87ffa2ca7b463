package io.jetring.middleware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jetring.api.InvalidArgumentException;
import io.jetring.api.InvalidOptionException;
import io.jetring.api.Request;
import io.jetring.api.RequestContext;
import io.jetring.api.Response;
import io.jetring.api.RingHandler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link StaticFiles} without a server: what the middleware itself decides, and on which thread. */
class StaticFilesUnitTest {
    private static final RingHandler NOT_FOUND = request -> Response.text(404, "app: not found");

    @Test
    void unsafeNamesReachTheApplicationNeverTheFileSystem(@TempDir Path dir) throws Exception {
        Path root = Files.createDirectory(dir.resolve("root"));
        Files.writeString(dir.resolve("secret.txt"), "secret");
        Files.writeString(root.resolve("ok.txt"), "ok");
        Files.createSymbolicLink(root.resolve("out"), dir.resolve("secret.txt"));
        RingHandler handler = NOT_FOUND.wrap(StaticFiles.directory("/s", root));
        for (String path : List.of("/s/../secret.txt", "/s/%2e%2e/secret.txt", "/s/%2E%2e/secret.txt",
                "/s/..%2fsecret.txt", "/s/..%2Fsecret.txt", "/s/..%5csecret.txt", "/s/..\\secret.txt",
                "/s/ok.txt%00", "/s/%00", "/s/out", "/s/.%2e/secret.txt", "/s/%", "/s/%zz", "/s/%c0%ae%c0%ae/secret.txt",
                "/s//secret.txt", "/s/./ok.txt", "/s/C:secret.txt")) {
            Response response = handler.handle(Request.builder().path(path).build());
            assertThat(response.status()).as(path).isEqualTo(404);
            assertThat(response).as(path).isEqualTo(Response.text(404, "app: not found"));
        }
        assertThat(handler.handle(Request.builder().path("/s/ok.txt").build()).status()).isEqualTo(200);
        assertThat(handler.handle(Request.builder().path("/s/%6fk.txt").build()).status())
                .as("an escaped plain letter is a plain letter").isEqualTo(200);
    }

    @Test
    void aClassPathFolderServesNoLinkThatLeavesIt(@TempDir Path dir) throws Exception {
        Path entry = Files.createDirectory(dir.resolve("classes"));
        Path folder = Files.createDirectories(entry.resolve("public/css"));
        Files.writeString(folder.resolve("site.css"), "css");
        Files.writeString(entry.resolve("application.properties"), "password=secret");
        Files.writeString(dir.resolve("outside.txt"), "outside");
        Files.createSymbolicLink(folder.resolve("props.css"), entry.resolve("application.properties"));
        Files.createSymbolicLink(entry.resolve("public/out"), dir);
        Files.createSymbolicLink(entry.resolve("public/alias.css"), folder.resolve("site.css"));
        try (java.net.URLClassLoader loader = new java.net.URLClassLoader(new java.net.URL[] {entry.toUri().toURL()}, null)) {
            RingHandler handler = NOT_FOUND.wrap(StaticFiles.classpath("/s", "public", loader, StaticFileOptions.defaults()));
            assertThat(handler.handle(Request.builder().path("/s/css/site.css").build()).status()).isEqualTo(200);
            assertThat(handler.handle(Request.builder().path("/s/alias.css").build()).status())
                    .as("a link that stays inside the folder").isEqualTo(200);
            for (String path : List.of("/s/css/props.css", "/s/out/outside.txt", "/s/out/classes/application.properties")) {
                assertThat(loader.getResource("public" + path.substring(2))).as(path).isNotNull();
                assertThat(handler.handle(Request.builder().path(path).build()))
                        .as(path).isEqualTo(Response.text(404, "app: not found"));
            }
        }
    }

    @Test
    void keepsTheFormAndReadsFilesOnTheBlockingExecutor(@TempDir Path root) throws Exception {
        Files.writeString(root.resolve("a.txt"), "a");
        AtomicInteger blockingTasks = new AtomicInteger();
        Executor counting = task -> {
            blockingTasks.incrementAndGet();
            new Thread(task).start();
        };
        RingHandler async = RingHandler.async(request -> CompletableFuture.completedFuture(Response.notFound()))
                .wrap(StaticFiles.directory("/", root, StaticFileOptions.defaults().withoutCache()));
        assertThat(async.isAsync()).isTrue();
        assertThat(NOT_FOUND.wrap(StaticFiles.directory("/", root)).isAsync()).isFalse();

        Request request = Request.builder().path("/a.txt").context(RequestContext.of(counting)).build();
        Response response = async.handleAsync(request).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(response.status()).isEqualTo(200);
        assertThat(blockingTasks).as("the file was looked up on the blocking executor").hasValue(1);

        Request other = Request.builder().path("/api").method("POST").context(RequestContext.of(counting)).build();
        async.handleAsync(other).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(blockingTasks).as("a POST never touches the file system").hasValue(1);
    }

    @Test
    void aCachedFileIsAnsweredWithoutLeavingTheThread(@TempDir Path root) throws Exception {
        Files.writeString(root.resolve("a.txt"), "a");
        AtomicInteger blockingTasks = new AtomicInteger();
        Executor counting = task -> {
            blockingTasks.incrementAndGet();
            task.run();
        };
        RingHandler async = RingHandler.async(request -> CompletableFuture.completedFuture(Response.notFound()))
                .wrap(StaticFiles.directory("/", root, StaticFileOptions.defaults()
                        .withRevalidateAfter(java.time.Duration.ofMinutes(1))));
        Request request = Request.builder().path("/a.txt").context(RequestContext.of(counting)).build();
        async.handleAsync(request).toCompletableFuture().get(10, TimeUnit.SECONDS);
        async.handleAsync(request).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(blockingTasks).hasValue(1);
    }

    @Test
    void badArgumentsFailFast(@TempDir Path root) {
        assertThatThrownBy(() -> StaticFiles.directory("assets", root)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("prefix: \"assets\" (expected: a path such as /assets, or /)");
        assertThatThrownBy(() -> StaticFiles.directory("/a", root.resolve("missing")))
                .isInstanceOf(InvalidArgumentException.class).hasMessageStartingWith("root: ");
        assertThatThrownBy(() -> StaticFileOptions.defaults().withMaxRanges(0)).isInstanceOf(InvalidOptionException.class)
                .hasMessage("maxRanges: 0 (expected: 1..1000)");
        assertThatThrownBy(() -> StaticFileOptions.defaults().withIndexFile("../x"))
                .hasMessage("indexFile: \"../x\" (expected: a file name such as index.html)");
        assertThatThrownBy(() -> StaticFileOptions.defaults().withImmutableNames("(")).hasMessageStartingWith("immutableNames: \"(\"");
        assertThatThrownBy(() -> MimeTypes.defaults().with(".glb", "model/gltf-binary"))
                .hasMessage("extension: \".glb\" (expected: a file extension without the dot, such as glb)");
    }

    @Test
    void mimeTypesCanBeExtended() {
        MimeTypes types = MimeTypes.defaults().with("GLB", "model/gltf-binary");
        assertThat(types.typeOf("scene.glb")).hasValue("model/gltf-binary");
        assertThat(types.typeOf("a.MJS")).hasValue("text/javascript;charset=utf-8");
        assertThat(types.typeOf("README")).isEmpty();
        assertThat(MimeTypes.empty().typeOrDefault("a.html")).isEqualTo("application/octet-stream");
    }
}
