package io.gatehouse.audit;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 9162 written straight from the definitions in section 2.1, recursion and all, sharing no code with
 * {@link MerkleTree}: the tests compare the production tree against it and verify its proofs with it.
 */
final class ReferenceMerkle {

    private ReferenceMerkle() {
    }

    /** MTH(D[n]). */
    static byte[] root(List<byte[]> leaves) {
        int n = leaves.size();
        if (n == 0) {
            return sha(new byte[0]);
        }
        if (n == 1) {
            return sha(concat(new byte[] {0}, leaves.get(0)));
        }
        int k = splitPoint(n);
        return sha(concat(new byte[] {1}, root(leaves.subList(0, k)), root(leaves.subList(k, n))));
    }

    /** PATH(m, D[n]). */
    static List<byte[]> path(int m, List<byte[]> leaves) {
        int n = leaves.size();
        List<byte[]> result = new ArrayList<>();
        if (n <= 1) {
            return result;
        }
        int k = splitPoint(n);
        if (m < k) {
            result.addAll(path(m, leaves.subList(0, k)));
            result.add(root(leaves.subList(k, n)));
        } else {
            result.addAll(path(m - k, leaves.subList(k, n)));
            result.add(root(leaves.subList(0, k)));
        }
        return result;
    }

    /** PROOF(m, D[n]). */
    static List<byte[]> proof(int m, List<byte[]> leaves) {
        if (m == 0 || m == leaves.size()) {
            return new ArrayList<>();
        }
        return subproof(m, leaves, true);
    }

    private static List<byte[]> subproof(int m, List<byte[]> leaves, boolean b) {
        int n = leaves.size();
        List<byte[]> result = new ArrayList<>();
        if (m == n) {
            if (!b) {
                result.add(root(leaves));
            }
            return result;
        }
        int k = splitPoint(n);
        if (m <= k) {
            result.addAll(subproof(m, leaves.subList(0, k), b));
            result.add(root(leaves.subList(k, n)));
        } else {
            result.addAll(subproof(m - k, leaves.subList(k, n), false));
            result.add(root(leaves.subList(0, k)));
        }
        return result;
    }

    /**
     * Recomputes the root from a leaf and its path by walking the same splits as PATH, top-down: the path's last
     * element is the sibling at the top split.
     */
    static byte[] rootFromPath(int m, int n, byte[] leafData, List<byte[]> path) {
        if (n == 1) {
            if (!path.isEmpty()) {
                throw new IllegalArgumentException("path too long");
            }
            return sha(concat(new byte[] {0}, leafData));
        }
        if (path.isEmpty()) {
            throw new IllegalArgumentException("path too short");
        }
        int k = splitPoint(n);
        byte[] sibling = path.get(path.size() - 1);
        List<byte[]> rest = path.subList(0, path.size() - 1);
        if (m < k) {
            return sha(concat(new byte[] {1}, rootFromPath(m, k, leafData, rest), sibling));
        }
        return sha(concat(new byte[] {1}, sibling, rootFromPath(m - k, n - k, leafData, rest)));
    }

    private static int splitPoint(int n) {
        int k = 1;
        while (k * 2 < n) {
            k *= 2;
        }
        return k;
    }

    static byte[] sha(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
