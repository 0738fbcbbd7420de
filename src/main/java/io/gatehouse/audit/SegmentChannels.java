package io.gatehouse.audit;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Opens the files the log writes (segments and the checkpoint file); tests inject failing channels here. */
@FunctionalInterface
public interface SegmentChannels {

    SegmentChannels FILES = file -> FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);

    /** Opens a file for reading and writing at explicit positions, creating it when missing. */
    FileChannel open(Path file) throws IOException;
}
