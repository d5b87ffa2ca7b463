package io.jetring.router;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The shared route tables ({@code method<TAB>template} per line), kept with the benchmarks. */
final class RouteTables {
    private RouteTables() {
    }

    static List<String[]> load(String name) throws IOException {
        Path file = find(name).orElseThrow(() -> new IllegalStateException("route table " + name + " not found"));
        return Files.readAllLines(file).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> line.split("\t"))
                .toList();
    }

    static Optional<Path> find(String name) {
        // One copy of the tables, beside the benchmarks that also route them.
        Path resource = Path.of("../benchmarks/src/main/resources/routes", name);
        return Files.isRegularFile(resource) ? Optional.of(resource) : Optional.empty();
    }
}
