package io.gatehouse.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MerkleTreeTest {

    private static List<byte[]> leaves(int n) {
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            leaves.add(("record " + i).getBytes(StandardCharsets.UTF_8));
        }
        return leaves;
    }

    private static MerkleTree treeOf(List<byte[]> leaves) {
        MerkleTree tree = new MerkleTree();
        leaves.forEach(leaf -> tree.appendLeafHash(MerkleTree.leafHash(leaf)));
        return tree;
    }

    @Test
    @DisplayName("the empty tree's root is SHA-256 of the empty string, as RFC 9162 defines")
    void emptyRoot() {
        assertThat(HexFormat.of().formatHex(new MerkleTree().rootHash(0)))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    @DisplayName("leaf and node hashes carry the 0x00 and 0x01 prefixes, so a leaf cannot pose as a node")
    void domainSeparation() {
        byte[] left = MerkleTree.leafHash(new byte[] {1});
        byte[] right = MerkleTree.leafHash(new byte[] {2});
        byte[] asLeaf = new byte[65];
        asLeaf[0] = 1;
        System.arraycopy(left, 0, asLeaf, 1, 32);
        System.arraycopy(right, 0, asLeaf, 33, 32);
        assertThat(MerkleTree.nodeHash(left, right)).isEqualTo(ReferenceMerkle.sha(asLeaf));
        assertThat(MerkleTree.leafHash(new byte[] {1})).isEqualTo(ReferenceMerkle.sha(new byte[] {0, 1}));
    }

    @Test
    @DisplayName("roots of every prefix of a 70-leaf tree equal the recursive definition")
    void rootsMatchDefinition() {
        List<byte[]> leaves = leaves(70);
        MerkleTree tree = treeOf(leaves);
        for (int size = 0; size <= 70; size++) {
            assertThat(tree.rootHash(size)).as("size %d", size).isEqualTo(ReferenceMerkle.root(leaves.subList(0, size)));
        }
    }

    @Test
    @DisplayName("every inclusion proof equals PATH(m, D[n]) and leads an independent walk to the root")
    void inclusionProofs() {
        List<byte[]> leaves = leaves(37);
        MerkleTree tree = treeOf(leaves);
        for (int n = 1; n <= 37; n++) {
            List<byte[]> prefix = leaves.subList(0, n);
            byte[] root = ReferenceMerkle.root(prefix);
            for (int m = 0; m < n; m++) {
                List<byte[]> proof = tree.inclusionProof(m, n);
                assertThat(proof).as("m=%d n=%d", m, n).containsExactlyElementsOf(ReferenceMerkle.path(m, prefix));
                assertThat(ReferenceMerkle.rootFromPath(m, n, leaves.get(m), proof)).isEqualTo(root);
                assertThat(MerkleTree.rootFromInclusionProof(m, n, MerkleTree.leafHash(leaves.get(m)), proof))
                        .isEqualTo(root);
            }
        }
    }

    @Test
    @DisplayName("an inclusion proof for the wrong index or a changed leaf does not reach the root")
    void inclusionProofRejectsForgery() {
        List<byte[]> leaves = leaves(11);
        MerkleTree tree = treeOf(leaves);
        byte[] root = tree.rootHash(11);
        List<byte[]> proof = tree.inclusionProof(4, 11);
        assertThat(MerkleTree.rootFromInclusionProof(5, 11, MerkleTree.leafHash(leaves.get(4)), proof))
                .isNotEqualTo(root);
        assertThat(MerkleTree.rootFromInclusionProof(4, 11, MerkleTree.leafHash("forged".getBytes()), proof))
                .isNotEqualTo(root);
        assertThat(MerkleTree.rootFromInclusionProof(4, 11, MerkleTree.leafHash(leaves.get(4)),
                proof.subList(0, proof.size() - 1))).isNull();
    }

    @Test
    @DisplayName("every consistency proof equals PROOF(m, D[n]) and verifies; a wrong old root does not")
    void consistencyProofs() {
        List<byte[]> leaves = leaves(33);
        MerkleTree tree = treeOf(leaves);
        for (int n = 1; n <= 33; n++) {
            for (int m = 1; m <= n; m++) {
                List<byte[]> proof = tree.consistencyProof(m, n);
                assertThat(proof).as("m=%d n=%d", m, n)
                        .containsExactlyElementsOf(ReferenceMerkle.proof(m, leaves.subList(0, n)));
                assertThat(MerkleTree.verifyConsistency(m, n, tree.rootHash(m), tree.rootHash(n), proof)).isTrue();
                byte[] wrongRoot = MerkleTree.leafHash("not the old tree".getBytes(StandardCharsets.UTF_8));
                assertThat(MerkleTree.verifyConsistency(m, n, wrongRoot, tree.rootHash(n), proof))
                        .as("wrong old root m=%d n=%d", m, n).isFalse();
            }
        }
    }
}
