package io.gatehouse.audit;

import java.util.List;

/**
 * The proof that the log of {@code fromSize} records is a prefix of the log of {@code toSize} records.
 *
 * @param fromSize the older tree size
 * @param toSize the newer tree size
 * @param fromRoot the older root hash
 * @param toRoot the newer root hash
 * @param hashes the proof (RFC 9162 section 2.1.4)
 * @param fromCheckpoint the signed checkpoint of the older size, or null when none was signed at that size
 * @param toCheckpoint the signed checkpoint of the newer size, or null when none was signed at that size
 */
public record ConsistencyProof(
        long fromSize, long toSize, byte[] fromRoot, byte[] toRoot, List<byte[]> hashes,
        Checkpoint fromCheckpoint, Checkpoint toCheckpoint) {

    public ConsistencyProof {
        hashes = List.copyOf(hashes);
    }
}
