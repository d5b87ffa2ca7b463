/**
 * Ring-style middleware. zstd-jni is optional: {@code Compression} offers zstd only where it is
 * present (on the module path: resolved, e.g. required by the application or added with
 * {@code --add-modules com.github.luben.zstd_jni}).
 */
module io.jetring.middleware {
    requires transitive io.jetring.api;
    requires transitive io.jetring.json;
    requires io.jetring.flow;
    requires org.apache.commons.fileupload2.core;
    requires static com.github.luben.zstd_jni;

    exports io.jetring.middleware;
}
