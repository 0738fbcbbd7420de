package io.gatehouse.audit;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where things live in a log directory, and how its files are read back line by line.
 *
 * <p>{@code segments/audit-<first sequence, 20 digits>.jsonl} hold the records; {@code checkpoints.jsonl} the signed
 * checkpoints; {@code torn/} the incomplete final lines cut off when the log was reopened after a crash.
 */
final class LogLayout {

    static final String CHECKPOINTS = "checkpoints.jsonl";
    private static final Pattern SEGMENT = Pattern.compile("audit-\\d{20}\\.jsonl");

    private LogLayout() {
    }

    static Path segments(Path dir) {
        return dir.resolve("segments");
    }

    static Path checkpoints(Path dir) {
        return dir.resolve(CHECKPOINTS);
    }

    static Path torn(Path dir) {
        return dir.resolve("torn");
    }

    static Path segment(Path dir, long firstSequence) {
        return segments(dir).resolve(String.format("audit-%020d.jsonl", firstSequence));
    }

    /** The segment files in order; the zero-padded first sequence makes name order the log order. */
    static List<Path> segmentFiles(Path dir) throws IOException {
        Path segments = segments(dir);
        if (!Files.isDirectory(segments)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(segments)) {
            return files.filter(file -> SEGMENT.matcher(file.getFileName().toString()).matches()).sorted().toList();
        }
    }

    /**
     * One line of a file.
     *
     * @param number the line number, from 1
     * @param offset the byte offset of its first byte
     * @param bytes its bytes without the newline
     * @param complete whether a newline ended it (false only for the last line of a torn file)
     */
    record Line(long number, long offset, byte[] bytes, boolean complete) {
    }

    /** Reads every line of a file, including an unterminated last one. */
    static List<Line> readLines(Path file) throws IOException {
        List<Line> lines = new ArrayList<>();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            ByteArrayOutputStream current = new ByteArrayOutputStream();
            long offset = 0;
            long start = 0;
            int b;
            while ((b = in.read()) >= 0) {
                offset++;
                if (b == '\n') {
                    lines.add(new Line(lines.size() + 1, start, current.toByteArray(), true));
                    current.reset();
                    start = offset;
                } else {
                    current.write(b);
                }
            }
            if (current.size() > 0) {
                lines.add(new Line(lines.size() + 1, start, current.toByteArray(), false));
            }
        }
        return lines;
    }
}
