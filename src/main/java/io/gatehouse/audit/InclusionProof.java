package io.gatehouse.audit;

import java.util.List;
import java.util.Objects;

/**
 * A record and the proof that it is in the log a signed checkpoint describes.
 *
 * @param entry the record exactly as stored (one JSON line without its newline); its UTF-8 bytes are the leaf
 * @param leafIndex the record's position in the tree, equal to its sequence number
 * @param treeSize the size of the tree the proof is against, equal to the checkpoint's
 * @param hashes the audit path, leaf side first (RFC 9162 section 2.1.3)
 * @param checkpoint the signed checkpoint whose root the path leads to
 */
public record InclusionProof(String entry, long leafIndex, long treeSize, List<byte[]> hashes, Checkpoint checkpoint) {

    public InclusionProof {
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(checkpoint, "checkpoint");
        hashes = List.copyOf(hashes);
    }
}
