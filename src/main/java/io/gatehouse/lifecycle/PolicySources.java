package io.gatehouse.lifecycle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SortedMap;
import java.util.TreeMap;

/** The policy and data files of a directory as text, keyed by their path relative to it with {@code /}. */
public final class PolicySources {

    private PolicySources() {
    }

    public static SortedMap<String, String> read(Path directory) throws IOException {
        SortedMap<String, String> files = new TreeMap<>();
        for (Path file : DirectoryFingerprint.policyFiles(directory)) {
            files.put(directory.relativize(file).toString().replace('\\', '/'), Files.readString(file));
        }
        return files;
    }
}
