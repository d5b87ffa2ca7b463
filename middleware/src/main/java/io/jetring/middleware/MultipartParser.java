package io.jetring.middleware;

import io.jetring.api.BadRequestException;
import io.jetring.api.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.fileupload2.core.AbstractFileUpload;
import org.apache.commons.fileupload2.core.DiskFileItem;
import org.apache.commons.fileupload2.core.DiskFileItemFactory;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.FileUploadException;
import org.apache.commons.fileupload2.core.FileUploadSizeException;
import org.apache.commons.fileupload2.core.RequestContext;

/**
 * Runs Commons FileUpload's streaming iterator over one body and spools each file part itself, to a
 * file the JDK names in the chosen directory: the client's file name never reaches the file system.
 * Every failure deletes what was spooled; the parser's refusals become a 400 ({@link BadRequestException},
 * naming {@code multipart}) or a 413 ({@link TooLarge}).
 */
final class MultipartParser {
    private MultipartParser() {
    }

    /** A limit was passed: the middleware answers 413 without calling the handler. */
    static final class TooLarge extends RuntimeException {
        TooLarge(String message) {
            super(message, null, false, false);
        }

        Response response() {
            return Response.text(413, "413 Content Too Large: " + getMessage());
        }
    }

    /** A failure writing the spool files: the server's problem, not the client's. */
    private static final class SpoolFailure extends RuntimeException {
        SpoolFailure(IOException cause) {
            super("multipart: could not write an upload to a temporary file", cause);
        }
    }

    /** The upload of Commons FileUpload, used only for its streaming iterator. */
    private static final class Upload extends AbstractFileUpload<RequestContext, DiskFileItem, DiskFileItemFactory> {
        @Override
        public FileItemInputIterator getItemIterator(RequestContext request) throws FileUploadException, IOException {
            return super.getItemIterator(request);
        }

        @Override
        public Map<String, List<DiskFileItem>> parseParameterMap(RequestContext request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<DiskFileItem> parseRequest(RequestContext request) {
            throw new UnsupportedOperationException();
        }
    }

    static Multipart.Upload parse(String contentType, long contentLength, InputStream body, Multipart.Options options) {
        // The first bytes are kept to tell an empty form ("--boundary--") from a body that never
        // used the boundary at all, which the parser takes for an empty one.
        Prefix in = new Prefix(body);
        Upload upload = new Upload();
        upload.setSizeMax(options.maxTotalSize().bytes());
        upload.setFileSizeMax(options.maxPartSize().bytes());
        upload.setHeaderCharset(StandardCharsets.UTF_8);
        RequestContext context = new RequestContext() {
            @Override
            public String getCharacterEncoding() {
                return StandardCharsets.UTF_8.name();
            }

            @Override
            public long getContentLength() {
                return contentLength;
            }

            @Override
            public String getContentType() {
                return contentType;
            }

            @Override
            public InputStream getInputStream() {
                return in;
            }

            @Override
            public boolean isMultipartRelated() {
                return false;
            }
        };
        Path directory = options.directory().orElseGet(() -> Path.of(System.getProperty("java.io.tmpdir")));
        Map<String, List<String>> fields = new LinkedHashMap<>();
        List<UploadedFile> files = new ArrayList<>();
        boolean done = false;
        try {
            FileItemInputIterator items = upload.getItemIterator(context);
            int parts = 0;
            byte[] buffer = new byte[8192];
            while (items.hasNext()) {
                FileItemInput item = items.next();
                if (++parts > options.maxParts()) {
                    throw new TooLarge("multipart: more than " + options.maxParts() + " parts (expected: at most "
                            + options.maxParts() + ")");
                }
                if (item.isFormField()) {
                    fields.computeIfAbsent(item.getFieldName(), k -> new ArrayList<>(1)).add(field(item, options, buffer));
                } else {
                    files.add(spool(item, directory, buffer, files));
                }
            }
            if (parts == 0 && !in.contains(("--" + MediaType.parameter(contentType, "boundary").orElse(""))
                    .getBytes(StandardCharsets.ISO_8859_1))) {
                throw new BadRequestException("multipart: no part delimited by the boundary of the Content-Type"
                        + " (expected: a multipart/form-data body with that boundary)");
            }
            done = true;
        } catch (FileUploadSizeException e) {
            throw new TooLarge("multipart: " + firstSentence(e) + " (expected: parts of at most "
                    + options.maxPartSize() + ", a body of at most " + options.maxTotalSize()
                    + ", part headers of at most 512 bytes)");
        } catch (FileUploadException e) {
            throw new BadRequestException("multipart: " + firstSentence(e) + " (expected: a multipart/form-data body"
                    + " with a boundary, each part closed by the next boundary)", e);
        } catch (IOException e) {
            // Reading the body failed: the client left or stopped sending before the last boundary.
            throw new BadRequestException("multipart: the body ended before its last boundary (expected: a complete"
                    + " body)", e);
        } catch (InvalidPathException e) {
            throw new BadRequestException("multipart: file name " + StateAccess.quote(e.getInput())
                    + " (expected: a name without NUL characters)", e);
        } catch (IllegalStateException | IllegalArgumentException | java.util.NoSuchElementException e) {
            // The parser's own complaints about malformed part headers.
            throw new BadRequestException("multipart: " + firstSentence(e) + " (expected: well-formed part headers)", e);
        } finally {
            if (!done) {
                UploadCleanup.delete(files.stream().map(UploadedFile::path).toList());
            }
        }
        fields.replaceAll((k, v) -> List.copyOf(v));
        return new Multipart.Upload(Parameters.of(fields), List.copyOf(files));
    }

    /** A stream that keeps its first 512 bytes. */
    private static final class Prefix extends java.io.FilterInputStream {
        private final java.io.ByteArrayOutputStream prefix = new java.io.ByteArrayOutputStream(512);

        Prefix(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0 && prefix.size() < 512) {
                prefix.write(b);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0 && prefix.size() < 512) {
                prefix.write(b, off, Math.min(n, 512 - prefix.size()));
            }
            return n;
        }

        boolean contains(byte[] needle) {
            byte[] bytes = prefix.toByteArray();
            outer:
            for (int i = 0; i + needle.length <= bytes.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (bytes[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return true;
            }
            return false;
        }
    }

    private static String field(FileItemInput item, Multipart.Options options, byte[] buffer) throws IOException {
        long limit = options.maxFieldSize().bytes();
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (InputStream in = item.getInputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (bytes.size() + n > limit) {
                    throw new TooLarge("multipart: field " + StateAccess.quote(item.getFieldName()) + " larger than "
                            + options.maxFieldSize() + " (expected: at most " + options.maxFieldSize() + ")");
                }
                bytes.write(buffer, 0, n);
            }
        }
        Charset charset = Optional.ofNullable(item.getContentType()).flatMap(t -> MediaType.parameter(t, "charset"))
                .flatMap(MultipartParser::charset).orElse(StandardCharsets.UTF_8);
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new BadRequestException("multipart: field " + StateAccess.quote(item.getFieldName())
                    + " (expected: " + charset.name() + " text)");
        }
    }

    private static UploadedFile spool(FileItemInput item, Path directory, byte[] buffer, List<UploadedFile> spooled)
            throws IOException {
        String filename = item.getName();
        Path file;
        try {
            file = Files.createTempFile(directory, "jetring-upload-", ".part");
        } catch (IOException e) {
            throw new SpoolFailure(e);
        }
        // Registered before the first byte, so that a failure from here on deletes it.
        int index = spooled.size();
        spooled.add(new UploadedFile(item.getFieldName(), Optional.ofNullable(filename),
                Optional.ofNullable(item.getContentType()), 0, file));
        long size = 0;
        try (InputStream in = item.getInputStream(); OutputStream out = open(file)) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                write(out, buffer, n);
                size += n;
            }
        }
        spooled.remove(index);
        return new UploadedFile(item.getFieldName(), Optional.ofNullable(filename),
                Optional.ofNullable(item.getContentType()), size, file);
    }

    private static OutputStream open(Path file) {
        try {
            return Files.newOutputStream(file);
        } catch (IOException e) {
            throw new SpoolFailure(e);
        }
    }

    private static void write(OutputStream out, byte[] buffer, int n) {
        try {
            out.write(buffer, 0, n);
        } catch (IOException e) {
            throw new SpoolFailure(e);
        }
    }

    private static Optional<Charset> charset(String name) {
        try {
            return Optional.of(Charset.forName(name));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String firstSentence(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int end = message.indexOf(". ");
        String first = end < 0 ? message : message.substring(0, end);
        return first.length() > 200 ? first.substring(0, 200) + "…" : first;
    }

}
