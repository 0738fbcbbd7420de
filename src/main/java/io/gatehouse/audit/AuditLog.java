package io.gatehouse.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The tamper-evident audit log: records appended to segment files, hashed into a Merkle tree, with signed
 * checkpoints kept beside the segments.
 *
 * <p>Group commit. Callers turn their event into a record body on their own thread (redaction and digest are the
 * costly part), then hand it to one writer thread through a bounded queue. The writer takes everything waiting, up
 * to {@code batchMax}, gives each record its sequence number and the hash of its predecessor, writes the batch with
 * one write and one {@code FileChannel.force}, and only then answers the callers. Concurrent callers therefore share
 * an fsync; a lone caller pays one. Only durable records enter the Merkle tree, so a checkpoint never signs a record
 * a crash could still take away.
 *
 * <p>Failure. When a write, fsync, rotation or checkpoint fails, the batch's callers get
 * {@link AuditUnavailableException}, the bytes past the last durable record are cut off, and the log refuses new
 * records at once ({@link #writable()} is false) instead of queueing them. Every {@code retryInterval} the writer
 * reopens the segment and tries to append an {@code audit.recovered} record; when that is durable, the log is
 * writable again. The recovered record states how many write attempts failed, so the outage is itself on record.
 */
public final class AuditLog implements AuditSink, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(AuditLog.class.getName());

    private final AuditLogOptions options;
    private final AuditRecords records;
    private final AuditKeys keys;
    private final byte[] nodeJson;
    private final BlockingQueue<Task> queue;
    private final Thread writer;
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private volatile boolean writable = true;
    private volatile boolean closing;
    // the batch the writer is writing, for the watchdog; replaced, never changed
    private volatile List<Task> writing = List.of();
    private ScheduledFuture<?> watchdog;

    // read by request threads, written by the writer under the lock
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final MerkleTree tree = new MerkleTree();
    private final RecordIndex sequenceById = new RecordIndex();
    private final List<Path> segmentPaths = new ArrayList<>();
    private long[] locations = new long[1024];
    private final TreeMap<Long, Checkpoint> checkpoints = new TreeMap<>();

    // held from open to close, so that two processes never append to one log
    private FileChannel lockFile;

    // writer thread only
    private FileChannel segment;
    private long segmentSize;
    private FileChannel checkpointFile;
    private long checkpointFileSize;
    private long recordsSinceCheckpoint;
    private Instant lastCheckpointTime;
    private long nextRetry;
    private long failedAttempts;
    private BatchBuffer batch;

    private AuditLog(AuditLogOptions options, AuditKeys keys) {
        this.options = options;
        this.records = new AuditRecords(new Redactor(options.maskedPaths()));
        this.keys = keys;
        this.nodeJson = AuditRecords.jsonString(options.node());
        this.queue = new ArrayBlockingQueue<>(options.queueCapacity());
        this.writer = new Thread(this::writerLoop, "gatehouse-audit-writer");
        this.writer.setDaemon(true);
    }

    /**
     * Opens the log in a directory, creating it and the signing key on first use, and checks what is there: the
     * hash chain of the segments and the newest checkpoint's root. An incomplete final line (a crash mid-write) is
     * moved to {@code torn/} and cut off; it was never acknowledged.
     *
     * @throws IOException when the directory cannot be used or its content is inconsistent (run verify-audit)
     */
    public static AuditLog open(AuditLogOptions options) throws IOException {
        Objects.requireNonNull(options, "options");
        Files.createDirectories(LogLayout.segments(options.dir()));
        AuditKeys keys = AuditKeys.loadOrGenerate(options.keyFile());
        AuditLog log = new AuditLog(options, keys);
        log.lock();
        try {
            log.recover();
        } catch (IOException | RuntimeException unusable) {
            closeQuietly(log.lockFile);
            throw unusable;
        }
        log.writer.start();
        log.watchdog = WATCHDOG.scheduleWithFixedDelay(log::failOverdue, log.watchdogPeriodNanos(),
                log.watchdogPeriodNanos(), TimeUnit.NANOSECONDS);
        return log;
    }

    @Override
    public void record(AuditEvent event) throws AuditUnavailableException {
        Append append = append(event);
        offer(append);
        if (append.done() != null) {
            awaitDurable(append.done());
        }
    }

    /**
     * As {@link #record}, but the caller's thread never waits: the stage completes once the record is durable (at
     * once when the durability setting does not wait for it). Since the caller may be an event loop, a full queue
     * refuses the record at once instead of waiting up to {@code writeTimeout} for room.
     */
    @Override
    public CompletionStage<Void> recordAsync(AuditEvent event) {
        Append append;
        try {
            append = append(event);
        } catch (AuditUnavailableException unavailable) {
            return CompletableFuture.failedFuture(unavailable);
        }
        if (!queue.offer(append)) {
            options.listener().refused(1);
            return CompletableFuture.failedFuture(new AuditUnavailableException("audit queue is full", null));
        }
        if (append.done() == null) {
            return CompletableFuture.completedFuture(null);
        }
        // the watchdog fails the stage when the record is not durable within writeTimeout
        return append.done().minimalCompletionStage();
    }

    private Append append(AuditEvent event) throws AuditUnavailableException {
        Objects.requireNonNull(event, "event");
        if (closing || !writable) {
            options.listener().refused(1);
            throw new AuditUnavailableException("audit log is not writable: " + describe(failure.get()), failure.get());
        }
        boolean await = event.privileged() || options.durability() == Durability.ALL;
        return new Append(records.serializedBody(event), event.id(), await ? new CompletableFuture<>() : null,
                System.nanoTime());
    }

    @Override
    public boolean writable() {
        return writable && !closing;
    }

    /** Why the log is not writable, or empty. */
    public Optional<Exception> failure() {
        return writable ? Optional.empty() : Optional.ofNullable(failure.get());
    }

    /** The number of durable records. */
    public long treeSize() {
        lock.readLock().lock();
        try {
            return tree.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The newest signed checkpoint, if any was signed yet. */
    public Optional<Checkpoint> latestCheckpoint() {
        lock.readLock().lock();
        try {
            return checkpoints.isEmpty() ? Optional.empty() : Optional.of(checkpoints.lastEntry().getValue());
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Signs a checkpoint of every durable record now (or returns the newest when nothing was added since). */
    public Checkpoint checkpointNow() throws AuditUnavailableException {
        CompletableFuture<Checkpoint> done = new CompletableFuture<>();
        offer(new CheckpointRequest(done));
        return awaitDurable(done);
    }

    /** The audit signing key's public half as PEM. */
    public String publicKeyPem() {
        return keys.publicKeyPem();
    }

    public String keyId() {
        return keys.keyId();
    }

    /**
     * The record with this id, its leaf index and its inclusion proof against a signed checkpoint; signs a fresh
     * checkpoint when the record is newer than the newest one.
     */
    public Optional<InclusionProof> inclusionProof(String id) throws AuditUnavailableException {
        Objects.requireNonNull(id, "id");
        Long sequence;
        Checkpoint checkpoint;
        lock.readLock().lock();
        try {
            sequence = sequenceById.get(id);
            checkpoint = checkpoints.isEmpty() ? null : checkpoints.lastEntry().getValue();
        } finally {
            lock.readLock().unlock();
        }
        if (sequence == null) {
            return Optional.empty();
        }
        if (checkpoint == null || checkpoint.treeSize() <= sequence) {
            checkpoint = checkpointNow();
        }
        return Optional.of(proofFor(sequence, checkpoint));
    }

    private InclusionProof proofFor(long sequence, Checkpoint checkpoint) {
        lock.readLock().lock();
        try {
            List<byte[]> path = tree.inclusionProof(sequence, checkpoint.treeSize());
            return new InclusionProof(readEntry(sequence), sequence, checkpoint.treeSize(), path, checkpoint);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * The consistency proof between the trees of {@code fromSize} and {@code toSize} records, with the signed
     * checkpoints of those sizes when there are any.
     *
     * @throws IllegalArgumentException unless {@code 0 <= fromSize <= toSize <= } the newest checkpoint's size
     */
    public ConsistencyProof consistencyProof(long fromSize, long toSize) {
        lock.readLock().lock();
        try {
            long signed = checkpoints.isEmpty() ? 0 : checkpoints.lastKey();
            if (fromSize < 0 || fromSize > toSize || toSize > signed) {
                throw new IllegalArgumentException("sizes must satisfy 0 <= from <= to <= " + signed
                        + " (the newest checkpoint), given from " + fromSize + " and to " + toSize);
            }
            return new ConsistencyProof(fromSize, toSize, tree.rootHash(fromSize), tree.rootHash(toSize),
                    tree.consistencyProof(fromSize, toSize), checkpoints.get(fromSize), checkpoints.get(toSize));
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Writes what is queued, signs a last checkpoint and closes the files. */
    @Override
    public void close() {
        closing = true;
        if (watchdog != null) {
            watchdog.cancel(false);
        }
        queue.offer(new Stop());
        try {
            writer.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        closeQuietly(lockFile);
    }

    private void lock() throws IOException {
        Path file = options.dir().resolve("lock");
        lockFile = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        boolean locked;
        try {
            locked = lockFile.tryLock() != null;
        } catch (java.nio.channels.OverlappingFileLockException sameProcess) {
            locked = false;
        }
        if (!locked) {
            closeQuietly(lockFile);
            throw new IOException("audit log " + options.dir() + " is in use by another process or log"
                    + "\nhint: give every instance its own gatehouse.audit.dir");
        }
    }

    private void offer(Task task) throws AuditUnavailableException {
        boolean queued;
        try {
            queued = queue.offer(task, options.writeTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new AuditUnavailableException("interrupted while queueing an audit record", interrupted);
        }
        if (!queued) {
            options.listener().refused(1);
            throw new AuditUnavailableException("audit queue is full for " + options.writeTimeout(), null);
        }
    }

    private <T> T awaitDurable(CompletableFuture<T> done) throws AuditUnavailableException {
        try {
            return done.get(options.writeTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException failed) {
            throw unavailable(failed);
        } catch (TimeoutException slow) {
            // the record may still be written later; the caller has to treat it as not written
            AuditUnavailableException late =
                    new AuditUnavailableException("audit record not durable within " + options.writeTimeout(), slow);
            if (done.completeExceptionally(late)) {
                options.listener().refused(1);
            }
            throw late;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new AuditUnavailableException("interrupted while waiting for the audit record", interrupted);
        }
    }

    /** Why a record did not become durable, from the failure of the wait for it. */
    private AuditUnavailableException unavailable(Throwable failed) {
        Throwable cause = failed instanceof ExecutionException || failed instanceof CompletionException
                ? failed.getCause() : failed;
        if (cause instanceof AuditUnavailableException unavailable) {
            return unavailable;
        }
        return new AuditUnavailableException("audit write failed: " + describe(cause), failed);
    }

    // ---------------------------------------------------------------- watchdog

    /**
     * Fails the stages of records that waited longer than {@code writeTimeout}, queued or in the batch being
     * written (a stalled fsync): the caller must treat such a record as not written, though it may still be.
     *
     * <p>Performance: one shared thread sweeps every log a few times per timeout. {@code orTimeout} on every
     * stage scheduled and cancelled a task per decision on a delay queue, and woke its thread for each.
     */
    private void failOverdue() {
        try {
            failOverdue(System.nanoTime());
        } catch (RuntimeException unexpected) {
            // a failed sweep must not cancel the next ones, which is what an exception here would do
            LOG.log(Level.WARNING, "audit watchdog sweep failed", unexpected);
        }
    }

    private void failOverdue(long now) {
        long timeout = options.writeTimeout().toNanos();
        for (Task task : writing) {
            failIfOverdue(task, now, timeout);
        }
        Task oldest = queue.peek();
        if (oldest == null || oldest instanceof Append append && now - append.queuedNanos() <= timeout) {
            return;
        }
        for (Task task : queue) {
            failIfOverdue(task, now, timeout);
        }
    }

    private void failIfOverdue(Task task, long now, long timeout) {
        if (!(task instanceof Append append) || append.done() == null || now - append.queuedNanos() <= timeout) {
            return;
        }
        AuditUnavailableException late =
                new AuditUnavailableException("audit record not durable within " + options.writeTimeout(), null);
        if (append.done().completeExceptionally(late)) {
            options.listener().refused(1);
        }
    }

    // a record is failed between writeTimeout and writeTimeout plus this period after it was queued
    private long watchdogPeriodNanos() {
        long quarter = options.writeTimeout().toNanos() / 4;
        return Math.max(TimeUnit.MILLISECONDS.toNanos(5), Math.min(quarter, TimeUnit.SECONDS.toNanos(1)));
    }

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(sweep -> {
        Thread thread = new Thread(sweep, "gatehouse-audit-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    // ---------------------------------------------------------------- writer thread

    private void writerLoop() {
        List<Task> batch = new ArrayList<>();
        while (!closing || !queue.isEmpty()) {
            Task first = poll();
            if (!writable) {
                retryIfDue();
            }
            if (first != null) {
                batch.add(first);
                queue.drainTo(batch, options.batchMax() - 1);
                lingerWhileNobodyWaits(batch);
                writing = List.copyOf(batch);
                process(batch);
                writing = List.of();
                batch.clear();
            }
            if (writable) {
                checkpointIfDue(false);
            }
        }
        shutDown();
    }

    /**
     * Collects more records for a batch that no caller waits for, for up to {@link #UNAWAITED_LINGER_NANOS}: with
     * durability {@code privileged} decisions return once queued, so without it the writer paid a write and an
     * fsync for every record or two. It stops as soon as a record that someone waits for (privileged, or durability
     * {@code all}), a checkpoint request or the stop arrives, or the batch is full, so no waiting caller is delayed
     * by more than the time to take one record off the queue.
     */
    private void lingerWhileNobodyWaits(List<Task> batch) {
        if (!batch.stream().allMatch(AuditLog::unawaited)) {
            return;
        }
        long deadline = System.nanoTime() + UNAWAITED_LINGER_NANOS;
        while (batch.size() < options.batchMax()) {
            long left = deadline - System.nanoTime();
            Task next;
            try {
                next = left <= 0 ? null : queue.poll(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException ignored) {
                return;
            }
            if (next == null) {
                return;
            }
            batch.add(next);
            if (!unawaited(next)) {
                return;
            }
        }
    }

    // The crash window of non-privileged records with durability privileged grows by this much at most; the
    // documentation of that setting already allows "the last few milliseconds".
    private static final long UNAWAITED_LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    private static boolean unawaited(Task task) {
        return task instanceof Append append && append.done() == null;
    }

    private Task poll() {
        try {
            return queue.poll(pollMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException ignored) {
            // only close() ends the writer, so that no write is cut short by an interrupt
            return null;
        }
    }

    private long pollMillis() {
        long interval = writable ? options.checkpointInterval().toMillis() : options.retryInterval().toMillis();
        return Math.max(10, Math.min(interval, 1000));
    }

    private void process(List<Task> batch) {
        List<Append> appends = new ArrayList<>();
        List<CheckpointRequest> requests = new ArrayList<>();
        for (Task task : batch) {
            if (task instanceof Append append) {
                appends.add(append);
            } else if (task instanceof CheckpointRequest request) {
                requests.add(request);
            }
        }
        if (!appends.isEmpty()) {
            appendBatch(appends);
        }
        for (CheckpointRequest request : requests) {
            answerCheckpoint(request);
        }
    }

    private void appendBatch(List<Append> appends) {
        if (!writable) {
            refuse(appends, failure.get());
            return;
        }
        try {
            write(appends);
        } catch (IOException | RuntimeException failed) {
            markFailed(failed);
            refuse(appends, failed);
        }
    }

    private void refuse(List<Append> appends, Exception cause) {
        options.listener().refused(appends.size());
        AuditUnavailableException unavailable =
                new AuditUnavailableException("audit log is not writable: " + describe(cause), cause);
        appends.stream().filter(append -> append.done() != null).forEach(append ->
                append.done().completeExceptionally(unavailable));
    }

    private void write(List<Append> appends) throws IOException {
        long sequence = tree.size();
        byte[] previous = sequence == 0 ? null : tree.leafHash(sequence - 1);
        BatchBuffer bytes = batchBuffer();
        List<byte[]> leafHashes = new ArrayList<>(appends.size());
        long[] offsets = new long[appends.size()];
        for (int i = 0; i < appends.size(); i++) {
            int offset = bytes.size();
            AuditRecords.sealInto(bytes, appends.get(i).body(), sequence + i, previous, nodeJson);
            previous = MerkleTree.leafHash(bytes.array(), offset, bytes.size() - offset);
            bytes.write('\n');
            offsets[i] = offset;
            leafHashes.add(previous);
        }
        rotateIfFull(sequence, bytes.size());
        long start = segmentSize;
        long began = System.nanoTime();
        writeFully(segment, bytes.contents(), start);
        segment.force(false);
        options.listener().appended(appends.size(), System.nanoTime() - began);
        segmentSize = start + bytes.size();
        remember(appends, leafHashes, offsets, start);
        recordsSinceCheckpoint += appends.size();
        for (Append append : appends) {
            if (append.done() != null) {
                append.done().complete(null);
            }
        }
    }

    // The batch buffer is kept between batches, unless one outsized batch grew it past what a batch usually needs.
    private BatchBuffer batchBuffer() {
        if (batch == null || batch.array().length > BATCH_BUFFER_KEPT) {
            batch = new BatchBuffer();
        }
        batch.reset();
        return batch;
    }

    private static final int BATCH_BUFFER_KEPT = 1 << 20;

    /** A byte buffer whose array the writer hashes and writes in place, with no copy per line or per batch. */
    private static final class BatchBuffer extends ByteArrayOutputStream {

        BatchBuffer() {
            super(64 * 1024);
        }

        byte[] array() {
            return buf;
        }

        ByteBuffer contents() {
            return ByteBuffer.wrap(buf, 0, count);
        }
    }

    private void remember(List<Append> appends, List<byte[]> leafHashes, long[] offsets, long start) {
        lock.writeLock().lock();
        try {
            int segmentIndex = segmentPaths.size() - 1;
            for (int i = 0; i < appends.size(); i++) {
                long sequence = tree.size();
                tree.appendLeafHash(leafHashes.get(i));
                sequenceById.putIfAbsent(appends.get(i).id(), sequence);
                storeLocation(sequence, segmentIndex, start + offsets[i]);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    // A batch never spans two segments, so a segment may exceed its size by one batch.
    private void rotateIfFull(long firstSequence, int batchBytes) throws IOException {
        if (segment != null && (segmentSize == 0 || segmentSize + batchBytes <= options.segmentMaxBytes())) {
            return;
        }
        if (segment != null) {
            segment.close();
            segment = null;
        }
        Path next = LogLayout.segment(options.dir(), firstSequence);
        segment = options.channels().open(next);
        segment.truncate(0);
        segmentSize = 0;
        forceDirectory(LogLayout.segments(options.dir()));
        lock.writeLock().lock();
        try {
            segmentPaths.add(next);
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void markFailed(Exception cause) {
        failedAttempts++;
        failure.set(cause);
        boolean wasWritable = writable;
        writable = false;
        nextRetry = System.nanoTime() + options.retryInterval().toNanos();
        options.listener().writeFailed(cause);
        if (wasWritable) {
            LOG.log(Level.SEVERE, "audit log is not writable, privileged decisions are denied until it recovers: {0}"
                    + "\nhint: check free space and permissions of {1}", new Object[] {describe(cause), options.dir()});
        }
        discardUndurableTail();
    }

    // Cut what a failed batch may have left, so the next record follows the last durable one.
    private void discardUndurableTail() {
        closeQuietly(segment);
        segment = null;
        closeQuietly(checkpointFile);
        checkpointFile = null;
    }

    private void retryIfDue() {
        if (System.nanoTime() - nextRetry < 0) {
            return;
        }
        try {
            reopen();
            Instant now = options.clock().instant();
            AuditEvent recovered = new AuditEvent("audit.recovered", "audit-recovered-" + now.toEpochMilli(), now,
                    null, null, null, null, "recovered", List.of(), List.of(), null, null, null, null, null, true,
                    Map.of("failed_attempts", Long.toString(failedAttempts),
                            "last_failure", describe(failure.get())));
            write(List.of(new Append(records.serializedBody(recovered), recovered.id(), null, System.nanoTime())));
            failedAttempts = 0;
            failure.set(null);
            writable = true;
            options.listener().recovered();
            LOG.info("audit log is writable again");
        } catch (IOException | RuntimeException stillFailing) {
            markFailed(stillFailing);
        }
    }

    private void reopen() throws IOException {
        if (segment == null && !segmentPaths.isEmpty()) {
            segment = options.channels().open(segmentPaths.get(segmentPaths.size() - 1));
            segment.truncate(segmentSize);
            segment.force(false);
        }
        if (checkpointFile == null) {
            openCheckpointFile();
        }
    }

    private void checkpointIfDue(boolean now) {
        long covered = checkpoints.isEmpty() ? 0 : checkpoints.lastKey();
        boolean firstOfEmptyLog = now && checkpoints.isEmpty();
        if (tree.size() <= covered && !firstOfEmptyLog) {
            return;
        }
        boolean due = now || recordsSinceCheckpoint >= options.checkpointEvery()
                || !options.clock().instant().isBefore(lastCheckpointTime.plus(options.checkpointInterval()));
        if (!due) {
            return;
        }
        try {
            signCheckpoint();
        } catch (IOException | RuntimeException failed) {
            markFailed(failed);
        }
    }

    private void answerCheckpoint(CheckpointRequest request) {
        if (writable) {
            checkpointIfDue(true);
        }
        Optional<Checkpoint> latest = latestCheckpoint();
        if (!writable || latest.isEmpty() || latest.get().treeSize() < tree.size()) {
            request.done().completeExceptionally(new AuditUnavailableException(
                    "cannot sign a checkpoint: " + describe(failure.get()), failure.get()));
        } else {
            request.done().complete(latest.get());
        }
    }

    private void signCheckpoint() throws IOException {
        Instant now = options.clock().instant();
        long size = tree.size();
        Checkpoint checkpoint = keys.sign(options.node(), size, tree.rootHash(size), now);
        byte[] line = (checkpoint.toJson().toString() + "\n").getBytes(StandardCharsets.UTF_8);
        if (checkpointFile == null) {
            openCheckpointFile();
        }
        writeFully(checkpointFile, ByteBuffer.wrap(line), checkpointFileSize);
        checkpointFile.force(false);
        checkpointFileSize += line.length;
        lock.writeLock().lock();
        try {
            checkpoints.put(size, checkpoint);
        } finally {
            lock.writeLock().unlock();
        }
        recordsSinceCheckpoint = 0;
        lastCheckpointTime = now;
        options.listener().checkpointed(checkpoint);
    }

    private void openCheckpointFile() throws IOException {
        checkpointFile = options.channels().open(LogLayout.checkpoints(options.dir()));
        checkpointFile.truncate(checkpointFileSize);
    }

    private void shutDown() {
        if (writable) {
            checkpointIfDue(true);
        }
        closeQuietly(segment);
        closeQuietly(checkpointFile);
        Exception cause = new IllegalStateException("audit log is closed");
        List<Task> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(task -> task.fail(new AuditUnavailableException("audit log is closed", cause)));
    }

    // ---------------------------------------------------------------- recovery at open

    private void recover() throws IOException {
        lastCheckpointTime = options.clock().instant();
        loadCheckpoints();
        List<Path> files = LogLayout.segmentFiles(options.dir());
        for (int i = 0; i < files.size(); i++) {
            replaySegment(files.get(i), i == files.size() - 1);
        }
        Optional<Checkpoint> newest = latestCheckpoint();
        if (newest.isPresent()) {
            checkAgainst(newest.get());
        }
        if (!segmentPaths.isEmpty()) {
            segment = options.channels().open(segmentPaths.get(segmentPaths.size() - 1));
            segmentSize = segment.size();
        }
        openCheckpointFile();
    }

    private void loadCheckpoints() throws IOException {
        Path file = LogLayout.checkpoints(options.dir());
        if (!Files.exists(file)) {
            return;
        }
        for (LogLayout.Line line : LogLayout.readLines(file)) {
            if (!line.complete()) {
                LOG.warning("dropping an incomplete final checkpoint line in " + file);
                break;
            }
            Checkpoint checkpoint = Checkpoint.fromJson(AuditRecords.JSON.readTree(line.bytes()));
            if (!AuditKeys.verify(checkpoint, keys.publicKey())) {
                throw new IOException(file + ":" + line.number() + ": checkpoint signature does not verify with the"
                        + " audit key\nhint: run verify-audit on " + options.dir());
            }
            checkpoints.put(checkpoint.treeSize(), checkpoint);
            lastCheckpointTime = checkpoint.time();
            checkpointFileSize = line.offset() + line.bytes().length + 1;
        }
    }

    private void replaySegment(Path file, boolean last) throws IOException {
        segmentPaths.add(file);
        int segmentIndex = segmentPaths.size() - 1;
        for (LogLayout.Line line : LogLayout.readLines(file)) {
            if (!line.complete()) {
                if (!last) {
                    throw inconsistent(file, line, "incomplete line inside the log");
                }
                quarantineTornTail(file, line);
                break;
            }
            JsonNode record = AuditRecords.JSON.readTree(line.bytes());
            long sequence = tree.size();
            byte[] previous = sequence == 0 ? null : tree.leafHash(sequence - 1);
            if (record.path("seq").asLong(-1) != sequence) {
                throw inconsistent(file, line, "expected sequence " + sequence);
            }
            if (!Objects.equals(record.path("prev").textValue(), previous == null ? null : Hashes.base64(previous))) {
                throw inconsistent(file, line, "previous-record hash does not match");
            }
            tree.appendLeafHash(MerkleTree.leafHash(line.bytes()));
            sequenceById.putIfAbsent(record.path("id").asText(), sequence);
            storeLocation(sequence, segmentIndex, line.offset());
        }
    }

    private void quarantineTornTail(Path file, LogLayout.Line line) throws IOException {
        Path torn = LogLayout.torn(options.dir());
        Files.createDirectories(torn);
        Path copy = torn.resolve(file.getFileName() + "." + line.offset() + ".torn");
        Files.write(copy, line.bytes());
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(line.offset());
            channel.force(true);
        }
        LOG.warning("cut an incomplete final record (a crash during its write; it was never acknowledged) from "
                + file + " at byte " + line.offset() + "; its bytes are kept in " + copy);
    }

    private void checkAgainst(Checkpoint newest) throws IOException {
        if (newest.treeSize() > tree.size()) {
            throw new IOException("the log holds " + tree.size() + " records but its newest checkpoint covers "
                    + newest.treeSize() + ": records were removed\nhint: run verify-audit on " + options.dir());
        }
        if (!Arrays.equals(tree.rootHash(newest.treeSize()), newest.rootHash())) {
            throw new IOException("the first " + newest.treeSize() + " records do not match the newest checkpoint"
                    + "\nhint: run verify-audit on " + options.dir());
        }
    }

    private static IOException inconsistent(Path file, LogLayout.Line line, String problem) {
        return new IOException(file + ":" + line.number() + ": " + problem
                + "\nhint: the log was altered or damaged; run verify-audit and move the directory aside");
    }

    // ---------------------------------------------------------------- record locations

    // A location packs the segment index (high 24 bits) and the byte offset (low 40 bits).
    private void storeLocation(long sequence, int segmentIndex, long offset) {
        if (sequence >= locations.length) {
            locations = Arrays.copyOf(locations, (int) Math.max(sequence + 1, locations.length * 2L));
        }
        locations[(int) sequence] = ((long) segmentIndex << 40) | offset;
    }

    private String readEntry(long sequence) {
        long location = locations[(int) sequence];
        Path file = segmentPaths.get((int) (location >>> 40));
        long offset = location & ((1L << 40) - 1);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            ByteBuffer buffer = ByteBuffer.allocate(8192);
            long position = offset;
            while (channel.read(buffer.clear(), position) > 0) {
                buffer.flip();
                while (buffer.hasRemaining()) {
                    byte b = buffer.get();
                    if (b == '\n') {
                        return line.toString(StandardCharsets.UTF_8);
                    }
                    line.write(b);
                }
                position += buffer.limit();
            }
            return line.toString(StandardCharsets.UTF_8);
        } catch (IOException unreadable) {
            throw new UncheckedIOException("cannot read audit record " + sequence + " from " + file, unreadable);
        }
    }

    // ---------------------------------------------------------------- helpers

    private static void writeFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            at += channel.write(buffer, at);
        }
    }

    // A new segment's name must survive a crash too: fsync the directory entry.
    private static void forceDirectory(Path dir) {
        try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
            directory.force(true);
        } catch (IOException notSupported) {
            // some file systems refuse to open directories; the segment data itself is still forced
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing after a failure; the next open reports any real problem
        }
    }

    private static String describe(Throwable cause) {
        if (cause == null) {
            return "unknown cause";
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    private sealed interface Task permits Append, CheckpointRequest, Stop {
        void fail(AuditUnavailableException cause);
    }

    private record Append(byte[] body, String id, CompletableFuture<Void> done, long queuedNanos) implements Task {
        @Override
        public void fail(AuditUnavailableException cause) {
            if (done != null) {
                done.completeExceptionally(cause);
            }
        }
    }

    /** Wakes the writer so that it sees {@code closing}. */
    private record Stop() implements Task {
        @Override
        public void fail(AuditUnavailableException cause) {
        }
    }

    private record CheckpointRequest(CompletableFuture<Checkpoint> done) implements Task {
        @Override
        public void fail(AuditUnavailableException cause) {
            done.completeExceptionally(cause);
        }
    }
}
