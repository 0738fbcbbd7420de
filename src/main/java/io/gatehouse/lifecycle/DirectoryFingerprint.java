package io.gatehouse.lifecycle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A cheap content hash of a policy directory: the sorted relative paths and bytes of its policy and data files. The
 * periodic check compares it with the loaded one instead of compiling, so a quiet directory costs a read, not a
 * compile.
 */
public final class DirectoryFingerprint {

    private static final List<String> POLICY_FILES = List.of(".pol", ".json", ".yaml", ".yml");

    private DirectoryFingerprint() {
    }

    public static String of(Path directory) throws IOException {
        MessageDigest digest = sha256();
        for (Path file : policyFiles(directory)) {
            digest.update(directory.relativize(file).toString().replace('\\', '/').getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(Files.readAllBytes(file));
            digest.update((byte) 0);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static List<Path> policyFiles(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> !isHidden(directory.relativize(file)))
                    .filter(DirectoryFingerprint::isPolicyFile)
                    .sorted()
                    .toList();
        } catch (UncheckedIOException walkFailed) {
            throw walkFailed.getCause();
        }
    }

    private static boolean isPolicyFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return POLICY_FILES.stream().anyMatch(name::endsWith);
    }

    /** Hidden entries are skipped: editors' swap files, and Kubernetes' {@code ..data} indirection of ConfigMaps. */
    private static boolean isHidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK provides SHA-256", impossible);
        }
    }
}
