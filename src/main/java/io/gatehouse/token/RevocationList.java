package io.gatehouse.token;

import io.gatehouse.identity.VerifierLimits;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Revoked {@code jti}s of Gatehouse tokens, each kept until the token's own expiry, after which the verifier
 * refuses the token anyway. Every revocation is appended to a file and forced to disk before it is acknowledged,
 * so the list survives a restart; expired entries are dropped when the file is reloaded.
 */
public final class RevocationList {

    private final Path file;
    private final Clock clock;
    private final Map<String, Instant> revoked = new ConcurrentHashMap<>();
    private final io.gatehouse.state.RevocationStore shared;

    public RevocationList(Path file, Clock clock) throws IOException {
        this(file, clock, null);
    }

    /**
     * A revocation list that also writes to and consults the store shared by every replica (memory or Redis), where
     * elevations revoke the tokens issued under them. The file keeps this node's revocations across a restart.
     *
     * @param shared the shared store, or null for a list of this node only
     */
    public RevocationList(Path file, Clock clock, io.gatehouse.state.RevocationStore shared) throws IOException {
        this.file = Objects.requireNonNull(file, "file");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.shared = shared;
        load();
    }

    private void load() throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        Instant now = clock.instant();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] fields = line.split("\t");
            if (fields.length == 2) {
                Instant expiry = Instant.ofEpochSecond(Long.parseLong(fields[1]));
                if (inForce(expiry, now)) {
                    revoked.put(fields[0], expiry);
                }
            }
        }
        rewrite();
    }

    private synchronized void rewrite() throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        StringBuilder text = new StringBuilder();
        revoked.forEach((jti, expiry) -> text.append(jti).append('\t').append(expiry.getEpochSecond()).append('\n'));
        Files.writeString(temporary, text, StandardCharsets.UTF_8);
        Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** Revokes {@code jti} until {@code expiresAt}; durable when this returns. */
    public synchronized void revoke(String jti, Instant expiresAt) throws IOException {
        Objects.requireNonNull(jti, "jti");
        if (jti.indexOf('\t') >= 0 || jti.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a jti must not contain tabs or line breaks");
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        byte[] line = (jti + "\t" + expiresAt.getEpochSecond() + "\n").getBytes(StandardCharsets.UTF_8);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            channel.write(ByteBuffer.wrap(line));
            channel.force(true);
        }
        revoked.put(jti, expiresAt);
        if (shared != null) {
            try {
                shared.revoke(jti, expiresAt);
            } catch (io.gatehouse.state.StateUnavailableException unavailable) {
                throw new IOException("the shared revocation store cannot record it: " + unavailable.getMessage(),
                        unavailable);
            }
        }
    }

    /** Whether {@code jti} is revoked; entries stay until a reload finds them past expiry plus the largest skew. */
    public boolean isRevoked(String jti) {
        if (revoked.containsKey(jti)) {
            return true;
        }
        if (shared == null) {
            return false;
        }
        try {
            return shared.isRevoked(jti);
        } catch (io.gatehouse.state.StateUnavailableException unavailable) {
            // fail closed: a token whose revocation cannot be checked is not accepted
            return true;
        }
    }

    // a verifier accepts a token up to its exp plus the skew, so the entry must outlive that
    private static boolean inForce(Instant expiry, Instant now) {
        return expiry.plus(VerifierLimits.MAX_SKEW).isAfter(now);
    }

    /** The revocations still in force, by {@code jti}, for sidecars. */
    public SortedMap<String, Instant> active() {
        Instant now = clock.instant();
        SortedMap<String, Instant> active = new TreeMap<>();
        revoked.forEach((jti, expiry) -> {
            if (inForce(expiry, now)) {
                active.put(jti, expiry);
            }
        });
        return active;
    }
}
