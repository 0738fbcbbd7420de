package io.gatehouse.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Opens real files, but while {@link #failWith} is set every write, fsync and open fails with that message, as a
 * full or broken disk would; {@link #slowForce} makes fsync slow. A fake for the file system, not for the log under test.
 */
final class FailingChannels implements SegmentChannels {

    private final AtomicReference<String> failure = new AtomicReference<>();
    private volatile long forceDelayMillis;

    /** Makes every fsync take this long, as a slow disk would. */
    void slowForce(long millis) {
        forceDelayMillis = millis;
    }

    void failWith(String message) {
        failure.set(message);
    }

    void heal() {
        failure.set(null);
    }

    @Override
    public FileChannel open(Path file) throws IOException {
        check();
        return new Channel(SegmentChannels.FILES.open(file));
    }

    private void check() throws IOException {
        String message = failure.get();
        if (message != null) {
            throw new IOException(message);
        }
    }

    private final class Channel extends FileChannel {
        private final FileChannel real;

        Channel(FileChannel real) {
            this.real = real;
        }

        @Override
        public int write(ByteBuffer source, long position) throws IOException {
            check();
            return real.write(source, position);
        }

        @Override
        public int write(ByteBuffer source) throws IOException {
            check();
            return real.write(source);
        }

        @Override
        public long write(ByteBuffer[] sources, int offset, int length) throws IOException {
            check();
            return real.write(sources, offset, length);
        }

        @Override
        public void force(boolean metaData) throws IOException {
            check();
            if (forceDelayMillis > 0) {
                try {
                    Thread.sleep(forceDelayMillis);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
            real.force(metaData);
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            check();
            real.truncate(size);
            return this;
        }

        @Override
        public int read(ByteBuffer target) throws IOException {
            return real.read(target);
        }

        @Override
        public long read(ByteBuffer[] targets, int offset, int length) throws IOException {
            return real.read(targets, offset, length);
        }

        @Override
        public int read(ByteBuffer target, long position) throws IOException {
            return real.read(target, position);
        }

        @Override
        public long position() throws IOException {
            return real.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            real.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return real.size();
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
            return real.transferTo(position, count, target);
        }

        @Override
        public long transferFrom(ReadableByteChannel source, long position, long count) throws IOException {
            check();
            return real.transferFrom(source, position, count);
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
            return real.map(mode, position, size);
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) throws IOException {
            return real.lock(position, size, shared);
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return real.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            real.close();
        }
    }
}
