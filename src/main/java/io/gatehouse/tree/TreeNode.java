package io.gatehouse.tree;

import io.gatehouse.ast.RuleDecl;
import io.gatehouse.compile.Body;
import io.gatehouse.compile.Guard;
import io.gatehouse.compile.RuleDef;
import io.gatehouse.compile.RuleSet;
import io.gatehouse.compile.Term;
import io.gatehouse.value.Value;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A node of a decision tree; see {@link TreeBuilder} for how the tree is shaped and why. */
public sealed interface TreeNode permits TreeNode.Switch, TreeNode.Ranges, TreeNode.Leaf {

    /**
     * Looks up the value at an input path: the case for that value applies, and so does {@code rest} (the rule
     * bodies that do not test this path) whatever the value is.
     *
     * @param path the input path
     * @param cases the subtree per constant
     * @param kinds the subtree per type, for bodies that test the type of the value
     * @param rest the subtree of bodies that do not test the path
     * @param chain the cases flattened into one lookup when they form a chain (see {@link TupleTable}), else null
     */
    record Switch(List<String> path, Map<Value, TreeNode> cases, Map<Value.Kind, TreeNode> kinds, TreeNode rest,
            TupleTable chain) implements TreeNode {
        public Switch {
            path = List.copyOf(path);
            cases = CaseMap.of(cases);
            kinds = Map.copyOf(kinds);
            Objects.requireNonNull(rest, "rest");
        }

        public Switch(List<String> path, Map<Value, TreeNode> cases, Map<Value.Kind, TreeNode> kinds,
                TreeNode rest) {
            this(path, cases, kinds, rest, null);
        }
    }

    /**
     * Looks up the number at an input path among sorted bounds: the subtree of the region it falls in applies, and
     * so does {@code rest}. The bounds {@code b0 < b1 < ...} cut the numbers into regions: region {@code 2i} lies
     * strictly between {@code b(i-1)} and {@code bi} (below {@code b0} for {@code i = 0}, above the last bound for the
     * last region), region {@code 2i + 1} is {@code bi} itself. A defined value that is not a number takes
     * {@code otherwise}, whose bodies still hold their range tests so that those fail as written; an undefined value
     * takes neither.
     *
     * @param path the input path
     * @param bounds the distinct bounds, ascending
     * @param regions {@code 2 * bounds.size() + 1} subtrees, one per region (adjacent regions may share one)
     * @param otherwise the subtree for defined values that are not numbers
     * @param rest the subtree of bodies that do not test the path by range
     * @param integral derived: the bounds as longs when every one is an integer that fits, else null; integer inputs
     *     are then searched among contiguous longs instead of scattered decimals
     */
    record Ranges(List<String> path, List<BigDecimal> bounds, List<TreeNode> regions, TreeNode otherwise,
            TreeNode rest, long[] integral) implements TreeNode {

        public Ranges(List<String> path, List<BigDecimal> bounds, List<TreeNode> regions, TreeNode otherwise,
                TreeNode rest) {
            this(path, bounds, regions, otherwise, rest, longs(bounds));
        }

        public Ranges {
            path = List.copyOf(path);
            bounds = List.copyOf(bounds);
            regions = List.copyOf(regions);
            if (regions.size() != 2 * bounds.size() + 1) {
                throw new IllegalArgumentException(bounds.size() + " bounds need " + (2 * bounds.size() + 1)
                        + " regions, given " + regions.size());
            }
            Objects.requireNonNull(otherwise, "otherwise");
            Objects.requireNonNull(rest, "rest");
        }

        /** The region a number falls in. */
        // Performance: once per ranges node per decision; no allocation for integers of up to 18 digits.
        public int region(BigDecimal number) {
            int found = integral != null && number.scale() == 0 && number.precision() <= 18
                    ? Arrays.binarySearch(integral, number.longValue())
                    : Collections.binarySearch(bounds, number);
            return found >= 0 ? 2 * found + 1 : 2 * (-found - 1);
        }

        private static long[] longs(List<BigDecimal> bounds) {
            long[] longs = new long[bounds.size()];
            for (int i = 0; i < longs.length; i++) {
                BigDecimal bound = bounds.get(i).stripTrailingZeros();
                if (bound.scale() > 0 || bound.precision() - bound.scale() > 18) {
                    return null;
                }
                longs[i] = bound.longValueExact();
            }
            return longs;
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
     * @param order derived: the definition's order, kept here so that sorting and grouping candidates reads no
     *     definition (with thousands of candidates each one read is a memory access)
     * @param rule derived: the rule the definition belongs to, for the same reason
     * @param label derived: the definition's label, for the same reason
     * @param unconditional derived: the residual of a complete rule has no literal left and the value {@code true},
     *     so the definition holds without evaluating anything
     */
    record Candidate(RuleDef definition, RuleDef residual, List<Guard> taken, int order, RuleSet rule, String label,
            boolean unconditional) {
        public Candidate {
            taken = List.copyOf(taken);
        }

        public Candidate(RuleDef definition, RuleDef residual, List<Guard> taken) {
            this(definition, residual, taken, definition.order(), definition.rule(), definition.label(),
                    isUnconditional(residual));
        }

        public Body remaining() {
            return residual.body();
        }

        private static boolean isUnconditional(RuleDef residual) {
            RuleDecl.Kind kind = residual.rule().kind();
            return (kind == RuleDecl.Kind.COMPLETE || kind == RuleDecl.Kind.DEFAULT) && residual.key() == null
                    && residual.body().literals().isEmpty() && (residual.value() == null
                            || residual.value() instanceof Term.Const constant && constant.value() == Value.Bool.TRUE);
        }
    }
}
