package io.jetring.middleware.docs;

import io.jetring.api.Response;
import io.jetring.api.RingHandler;
import io.jetring.middleware.Compression;
import io.jetring.middleware.Cors;
import io.jetring.middleware.CorsOptions;
import io.jetring.middleware.ETags;
import io.jetring.middleware.ForwardedHeaders;
import io.jetring.middleware.SecurityHeaders;
import io.jetring.middleware.StaticFileOptions;
import io.jetring.middleware.StaticFiles;
import java.nio.file.Path;

/** docs/middleware.md, "Putting it together". */
public final class WebApp {
    private WebApp() {
    }

    /** The application: an API and a folder of assets, with the middleware in its order. */
    public static RingHandler handler(Path assets) {
        RingHandler api = request -> request.path().equals("/api/hello")
                ? Response.ok("{\"hello\":\"world\"}").withContentType("application/json")
                : Response.notFound();

        return api
                .wrap(StaticFiles.directory("/assets", assets, StaticFileOptions.defaults()
                        .withImmutableNames(".*\\.[0-9a-f]{8,}\\.(js|css)")))
                .wrap(ETags.of())
                .wrap(Cors.of(CorsOptions.allowing("https://app.example.com")
                        .withAllowedMethods("GET", "POST", "PUT", "DELETE")
                        .withAllowedHeaders("Content-Type")))
                .wrap(SecurityHeaders.of())
                .wrap(Compression.gzip())
                .wrap(ForwardedHeaders.of());
    }
}
