package io.gatehouse.audit;

import java.util.Base64;
import java.util.List;

/** How hashes are written in records, checkpoints and proofs: standard base64 with padding. */
public final class Hashes {

    private Hashes() {
    }

    public static String base64(byte[] hash) {
        return Base64.getEncoder().encodeToString(hash);
    }

    /** Decodes a hash; throws {@link IllegalArgumentException} when it is not base64 of 32 bytes. */
    public static byte[] decode(String text) {
        byte[] hash = Base64.getDecoder().decode(text);
        if (hash.length != MerkleTree.HASH_SIZE) {
            throw new IllegalArgumentException("a hash has 32 bytes, given " + hash.length);
        }
        return hash;
    }

    public static List<String> base64(List<byte[]> hashes) {
        return hashes.stream().map(Hashes::base64).toList();
    }

    public static List<byte[]> decode(List<String> texts) {
        return texts.stream().map(Hashes::decode).toList();
    }
}
