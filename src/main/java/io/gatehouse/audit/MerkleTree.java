package io.gatehouse.audit;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An append-only Merkle tree hashed as RFC 6962 and RFC 9162 say: a leaf hash is {@code SHA-256(0x00 || data)}, an
 * interior node {@code SHA-256(0x01 || left || right)}, and a tree of {@code n} leaves splits at the largest power of
 * two below {@code n}.
 *
 * <p>Every complete (perfect, aligned) subtree hash is kept, level by level, so a root or a proof for any tree size
 * costs O(log² n) hashes instead of rehashing all leaves; the price is about twice the memory of the leaf hashes
 * alone (64 bytes per record). Not thread-safe: the audit log guards it.
 */
public final class MerkleTree {

    public static final int HASH_SIZE = 32;

    // invariant: levels.get(k) holds the hashes of the complete subtrees of 2^k leaves, left to right
    private final List<HashArray> levels = new ArrayList<>();

    public MerkleTree() {
        levels.add(new HashArray());
    }

    /** The number of leaves. */
    public long size() {
        return levels.get(0).count();
    }

    /** Appends the hash of a leaf (already computed with {@link #leafHash}). */
    public void appendLeafHash(byte[] leafHash) {
        if (leafHash.length != HASH_SIZE) {
            throw new IllegalArgumentException("a leaf hash has 32 bytes, given " + leafHash.length);
        }
        levels.get(0).add(leafHash);
        int level = 0;
        while (levels.get(level).count() % 2 == 0) {
            HashArray below = levels.get(level);
            long count = below.count();
            byte[] parent = nodeHash(below.get(count - 2), below.get(count - 1));
            if (levels.size() == level + 1) {
                levels.add(new HashArray());
            }
            levels.get(level + 1).add(parent);
            level++;
        }
    }

    /** The leaf hash at an index. */
    public byte[] leafHash(long index) {
        return levels.get(0).get(index);
    }

    /** The root hash of the first {@code treeSize} leaves; the empty tree's root is the hash of nothing. */
    public byte[] rootHash(long treeSize) {
        checkSize(treeSize);
        if (treeSize == 0) {
            return sha256(new byte[0]);
        }
        return subtreeHash(0, treeSize);
    }

    /** The audit path of a leaf in the tree of the first {@code treeSize} leaves (RFC 9162 section 2.1.3.1). */
    public List<byte[]> inclusionProof(long leafIndex, long treeSize) {
        checkSize(treeSize);
        if (leafIndex < 0 || leafIndex >= treeSize) {
            throw new IllegalArgumentException("leaf index " + leafIndex + " is outside a tree of " + treeSize);
        }
        List<byte[]> proof = new ArrayList<>();
        path(leafIndex, 0, treeSize, proof);
        return proof;
    }

    /** The proof that the tree of {@code oldSize} leaves is a prefix of the tree of {@code newSize} (section 2.1.4.1). */
    public List<byte[]> consistencyProof(long oldSize, long newSize) {
        checkSize(newSize);
        if (oldSize < 0 || oldSize > newSize) {
            throw new IllegalArgumentException("old size " + oldSize + " must be within 0.." + newSize);
        }
        List<byte[]> proof = new ArrayList<>();
        if (oldSize > 0 && oldSize < newSize) {
            subproof(oldSize, 0, newSize, true, proof);
        }
        return proof;
    }

    private void path(long index, long start, long end, List<byte[]> proof) {
        long n = end - start;
        if (n == 1) {
            return;
        }
        long k = largestPowerOfTwoBelow(n);
        if (index < k) {
            path(index, start, start + k, proof);
            proof.add(subtreeHash(start + k, end));
        } else {
            path(index - k, start + k, end, proof);
            proof.add(subtreeHash(start, start + k));
        }
    }

    private void subproof(long m, long start, long end, boolean whole, List<byte[]> proof) {
        long n = end - start;
        if (m == n) {
            if (!whole) {
                proof.add(subtreeHash(start, end));
            }
            return;
        }
        long k = largestPowerOfTwoBelow(n);
        if (m <= k) {
            subproof(m, start, start + k, whole, proof);
            proof.add(subtreeHash(start + k, end));
        } else {
            subproof(m - k, start + k, end, false, proof);
            proof.add(subtreeHash(start, start + k));
        }
    }

    // The left part of every split is a complete aligned subtree, so only the right spine recurses.
    private byte[] subtreeHash(long start, long end) {
        long n = end - start;
        if (Long.bitCount(n) == 1 && start % n == 0) {
            return levels.get(Long.numberOfTrailingZeros(n)).get(start / n);
        }
        long k = largestPowerOfTwoBelow(n);
        return nodeHash(subtreeHash(start, start + k), subtreeHash(start + k, end));
    }

    private void checkSize(long treeSize) {
        if (treeSize < 0 || treeSize > size()) {
            throw new IllegalArgumentException("tree size " + treeSize + " must be within 0.." + size());
        }
    }

    /** The largest power of two strictly below {@code n}, for {@code n > 1}. */
    static long largestPowerOfTwoBelow(long n) {
        return Long.highestOneBit(n - 1);
    }

    /** {@code SHA-256(0x00 || data)}. */
    public static byte[] leafHash(byte[] data) {
        return leafHash(data, 0, data.length);
    }

    /** {@code SHA-256(0x00 || data[offset, offset + length))}: a leaf inside a larger buffer, without a copy. */
    public static byte[] leafHash(byte[] data, int offset, int length) {
        MessageDigest digest = digest();
        digest.update((byte) 0x00);
        digest.update(data, offset, length);
        return digest.digest();
    }

    /** {@code SHA-256(0x01 || left || right)}. */
    public static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest digest = digest();
        digest.update((byte) 0x01);
        digest.update(left);
        digest.update(right);
        return digest.digest();
    }

    static byte[] sha256(byte[] data) {
        return digest().digest(data);
    }

    // Performance: the audit writer hashes about two nodes per record; looking up the provider for each cost more
    // than the hashing. digest() leaves the instance reset, so it is ready for the next caller on this thread.
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK has SHA-256", impossible);
        }
    });

    private static MessageDigest digest() {
        MessageDigest digest = SHA256.get();
        digest.reset();
        return digest;
    }

    /**
     * Recomputes a root from a leaf hash and its audit path (RFC 9162 section 2.1.3.2); null when the path does
     * not fit the index and size.
     */
    public static byte[] rootFromInclusionProof(long leafIndex, long treeSize, byte[] leafHash, List<byte[]> proof) {
        if (leafIndex < 0 || leafIndex >= treeSize) {
            return null;
        }
        long fn = leafIndex;
        long sn = treeSize - 1;
        byte[] r = leafHash;
        for (byte[] p : proof) {
            if (sn == 0) {
                return null;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(p, r);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                r = nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 ? r : null;
    }

    /**
     * Checks a consistency proof between two roots (RFC 9162 section 2.1.4.2).
     */
    public static boolean verifyConsistency(
            long oldSize, long newSize, byte[] oldRoot, byte[] newRoot, List<byte[]> proof) {
        if (oldSize < 0 || oldSize > newSize) {
            return false;
        }
        if (oldSize == newSize) {
            return proof.isEmpty() && Arrays.equals(oldRoot, newRoot);
        }
        if (oldSize == 0) {
            return proof.isEmpty();
        }
        if (proof.isEmpty()) {
            return false;
        }
        List<byte[]> path = new ArrayList<>(proof);
        if (Long.bitCount(oldSize) == 1) {
            path.add(0, oldRoot);
        }
        long fn = oldSize - 1;
        long sn = newSize - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        for (byte[] c : path.subList(1, path.size())) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = nodeHash(c, fr);
                sr = nodeHash(c, sr);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                sr = nodeHash(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && Arrays.equals(fr, oldRoot) && Arrays.equals(sr, newRoot);
    }

    /** A growable array of 32-byte hashes in one backing array per chunk, to keep object count low. */
    private static final class HashArray {
        private static final int CHUNK = 4096;
        private final List<byte[]> chunks = new ArrayList<>();
        private long count;

        long count() {
            return count;
        }

        void add(byte[] hash) {
            int offset = (int) (count % CHUNK);
            if (offset == 0) {
                chunks.add(new byte[CHUNK * HASH_SIZE]);
            }
            System.arraycopy(hash, 0, chunks.get(chunks.size() - 1), offset * HASH_SIZE, HASH_SIZE);
            count++;
        }

        byte[] get(long index) {
            if (index < 0 || index >= count) {
                throw new IndexOutOfBoundsException("hash " + index + " of " + count);
            }
            byte[] chunk = chunks.get((int) (index / CHUNK));
            int offset = (int) (index % CHUNK) * HASH_SIZE;
            return Arrays.copyOfRange(chunk, offset, offset + HASH_SIZE);
        }
    }
}
