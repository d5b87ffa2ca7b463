package io.jetring.middleware;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.Optional;

/**
 * A file part of a {@code multipart/form-data} upload, spooled by {@link Multipart} to a temporary
 * file that the server named. The file is deleted when the exchange ends: {@link #moveTo} or copy
 * what is to be kept before the handler returns.
 *
 * @param field       the form field the file came in
 * @param filename    the file name the client sent, as sent: <b>untrusted</b>, never a path to
 *                    open or write ({@code ../../etc/passwd} arrives as just that)
 * @param contentType the part's {@code Content-Type}, if it had one
 * @param size        the number of bytes
 * @param path        the temporary file
 */
public record UploadedFile(String field, Optional<String> filename, Optional<String> contentType, long size, Path path) {

    /** Requires every field. */
    public UploadedFile {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(filename, "filename");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(path, "path");
    }

    /** The content as a stream; blocking: sync handlers, or an async one on its blocking executor. */
    public InputStream open() throws IOException {
        return Files.newInputStream(path);
    }

    /** The content in memory. */
    public byte[] readAllBytes() throws IOException {
        return Files.readAllBytes(path);
    }

    /**
     * Moves the file to {@code target} (replacing it) and returns it: the upload is kept, and the
     * cleanup at the end of the exchange finds nothing to delete.
     */
    public Path moveTo(Path target) throws IOException {
        return Files.move(path, target, StandardCopyOption.REPLACE_EXISTING);
    }
}
