package io.jetring.middleware;

import io.jetring.api.InvalidArgumentException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where {@link StaticFiles} finds files: a directory, or a folder of the class path (a directory
 * or a jar). Names given to it have passed {@link SafePath}: plain segments joined with {@code /}.
 */
sealed interface FileRoot permits FileRoot.Directory, FileRoot.Classpath {

    /** A file or directory found, with its attributes (links followed). */
    record Located(Path path, BasicFileAttributes attributes) {

        /**
         * {@code path} with its attributes, or {@code null} if there is nothing there or if, once every
         * link is resolved, it is not inside {@code realRoot} (a real path; {@code null}: not checked).
         */
        static Located inside(Path path, Path realRoot) throws IOException {
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(path, BasicFileAttributes.class);
            } catch (NoSuchFileException e) {
                return null;
            }
            return realRoot == null || path.toRealPath().startsWith(realRoot) ? new Located(path, attributes) : null;
        }
    }

    /**
     * What {@code relative} names, or {@code null} if nothing (or if it resolves, through a link,
     * outside the root). Reads the file system: call it where blocking is allowed.
     */
    Located locate(String relative) throws IOException;

    /** A directory of the default file system; links are followed only while they stay inside. */
    final class Directory implements FileRoot {
        private final Path root;
        private final Path realRoot;

        Directory(Path root) {
            Objects.requireNonNull(root, "root");
            this.root = root.toAbsolutePath().normalize();
            try {
                this.realRoot = this.root.toRealPath();
            } catch (IOException e) {
                throw InvalidArgumentException.of("root", root, "an existing directory (" + e + ")");
            }
            if (!Files.isDirectory(realRoot)) {
                throw InvalidArgumentException.of("root", root, "an existing directory");
            }
        }

        @Override
        public Located locate(String relative) throws IOException {
            Path path;
            try {
                path = relative.isEmpty() ? root : root.resolve(relative);
            } catch (InvalidPathException e) {
                return null;
            }
            // Resolving every link on the way is what tells a link that stays inside from one that leaves.
            return Located.inside(path, realRoot);
        }

        @Override
        public String toString() {
            return root.toString();
        }
    }

    /**
     * A folder of the class path. A resource in a directory is a file like any other; one inside a
     * jar is read through the jar's zip file system, opened once and kept.
     */
    final class Classpath implements FileRoot {
        private static final Map<URI, FileSystem> JARS = new ConcurrentHashMap<>();
        private final String base;
        private final ClassLoader loader;

        Classpath(String base, ClassLoader loader) {
            Objects.requireNonNull(base, "base");
            this.loader = Objects.requireNonNull(loader, "loader");
            String trimmed = base;
            while (trimmed.startsWith("/")) {
                trimmed = trimmed.substring(1);
            }
            while (trimmed.endsWith("/")) {
                trimmed = trimmed.substring(0, trimmed.length() - 1);
            }
            if (trimmed.contains("..") || trimmed.contains("\\")) {
                throw InvalidArgumentException.of("base", "\"" + base + "\"", "a class path folder such as public");
            }
            this.base = trimmed;
        }

        @Override
        public Located locate(String relative) throws IOException {
            String name = base.isEmpty() ? relative : relative.isEmpty() ? base : base + "/" + relative;
            if (name.isEmpty()) {
                return null;
            }
            URL url = loader.getResource(name);
            if (url == null) {
                return null;
            }
            Path path = toPath(url, name);
            if (path == null) {
                return null;
            }
            // A jar has no links; a directory on the class path may, as any directory.
            return Located.inside(path, url.getProtocol().equals("file") ? allowed(path, name) : null);
        }

        /**
         * The real path of the {@code base} folder that {@code path}, the file of the class path
         * directory resource {@code name}, must stay inside once every link is resolved, as
         * {@link Directory} asks of its files: a link in the folder that leaves it serves nothing.
         */
        private Path allowed(Path path, String name) throws IOException {
            Path folder = path;
            for (int slash = name.indexOf('/'); folder != null; slash = name.indexOf('/', slash + 1)) {
                folder = folder.getParent();
                if (slash < 0) {
                    break;
                }
            }
            if (folder == null) {
                throw new NoSuchFileException(path.toString(), null, "not below a class path entry");
            }
            return (base.isEmpty() ? folder : folder.resolve(base)).toRealPath();
        }

        /**
         * The path of a {@code file:} or {@code jar:file:} resource named {@code name}; {@code null}
         * for another kind (a jar nested in a jar, say).
         */
        private static Path toPath(URL url, String name) {
            try {
                if (url.getProtocol().equals("file")) {
                    return Path.of(url.toURI());
                }
                if (url.getProtocol().equals("jar")) {
                    String spec = url.toString();
                    int bang = spec.indexOf("!/");
                    if (bang < 0 || spec.indexOf("!/", bang + 2) >= 0) {
                        return null;
                    }
                    URI jar = new URI(spec.substring(0, bang));
                    FileSystem fs = JARS.computeIfAbsent(jar, Classpath::open);
                    return fs == null ? null : fs.getPath("/" + name);
                }
            } catch (URISyntaxException | IllegalArgumentException | FileSystemNotFoundException e) {
                return null;
            }
            return null;
        }

        private static FileSystem open(URI jar) {
            try {
                return FileSystems.newFileSystem(jar, Map.of());
            } catch (FileSystemAlreadyExistsException e) {
                return FileSystems.getFileSystem(jar);
            } catch (IOException e) {
                return null;
            }
        }

        @Override
        public String toString() {
            return "classpath:" + base;
        }
    }
}
