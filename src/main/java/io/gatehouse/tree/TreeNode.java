package io.gatehouse.tree;

import io.gatehouse.compile.Body;
import io.gatehouse.compile.Guard;
import io.gatehouse.compile.RuleDef;
import io.gatehouse.value.Value;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A node of a decision tree; see {@link TreeBuilder} for how the tree is shaped and why. */
public sealed interface TreeNode permits TreeNode.Switch, TreeNode.Leaf {

    /**
     * Looks up the value at an input path: the case for that value applies, and so does {@code rest} (the rule
     * bodies that do not test this path) whatever the value is.
     *
     * @param path the input path
     * @param cases the subtree per constant
     * @param kinds the subtree per type, for bodies that test the type of the value
     * @param rest the subtree of bodies that do not test the path
     */
    record Switch(List<String> path, Map<Value, TreeNode> cases, Map<Value.Kind, TreeNode> kinds, TreeNode rest)
            implements TreeNode {
        public Switch {
            path = List.copyOf(path);
            cases = Map.copyOf(cases);
            kinds = Map.copyOf(kinds);
            Objects.requireNonNull(rest, "rest");
        }
    }

    /** Bodies whose tested guards all held; their remaining literals run now. */
    record Leaf(List<Candidate> candidates) implements TreeNode {
        public static final Leaf EMPTY = new Leaf(List.of());

        public Leaf {
            candidates = List.copyOf(candidates);
        }
    }

    /**
     * A rule body that can still apply.
     *
     * @param definition the original definition
     * @param residual the same definition with the guards the tree already tested taken out of its body
     * @param taken those guards
     */
    record Candidate(RuleDef definition, RuleDef residual, List<Guard> taken) {
        public Candidate {
            taken = List.copyOf(taken);
        }

        public Body remaining() {
            return residual.body();
        }
    }
}
