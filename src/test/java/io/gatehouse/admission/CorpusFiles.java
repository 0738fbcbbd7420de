package io.gatehouse.admission;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shared, read-only test corpus. It sits beside the clone ({@code ../shared/corpus}); a worktree one level
 * deeper finds it one more level up; {@code -Dgatehouse.corpus=...} overrides both.
 */
final class CorpusFiles {

    private CorpusFiles() {
    }

    static Path root() {
        String configured = System.getProperty("gatehouse.corpus");
        if (configured != null) {
            return Path.of(configured);
        }
        Path project = Path.of("").toAbsolutePath();
        for (Path dir = project.getParent(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("corpus");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no shared/corpus folder beside " + project + "; set -Dgatehouse.corpus");
    }

    static Path admission() {
        return root().resolve("admission");
    }

    static Path gatekeeper() {
        return root().resolve("gatekeeper");
    }
}
