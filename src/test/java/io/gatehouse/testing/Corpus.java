package io.gatehouse.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared, externally written test corpus, read where it lies: {@code ../shared/corpus} beside the project. */
public final class Corpus {

    private Corpus() {
    }

    /** The corpus folder, found beside the project or beside any parent folder (worktrees sit deeper). */
    public static Path root() {
        Path directory = Path.of("").toAbsolutePath();
        while (directory != null) {
            Path candidate = directory.resolve("../shared/corpus").normalize();
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
            directory = directory.getParent();
        }
        throw new IllegalStateException("no shared/corpus folder beside the project or any parent");
    }

    public static Path resolve(String relative) {
        return root().resolve(relative);
    }
}
