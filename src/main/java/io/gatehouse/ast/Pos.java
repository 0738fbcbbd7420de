package io.gatehouse.ast;

import java.util.Objects;

/**
 * A source position: file relative to the policy directory, 1-based line and column.
 */
public record Pos(String file, int line, int column) implements Comparable<Pos> {

    public Pos {
        Objects.requireNonNull(file, "file");
    }

    @Override
    public int compareTo(Pos other) {
        int byFile = file.compareTo(other.file);
        if (byFile != 0) {
            return byFile;
        }
        return line != other.line ? Integer.compare(line, other.line) : Integer.compare(column, other.column);
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
