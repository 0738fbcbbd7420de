package io.gatehouse.builtin;

import static io.gatehouse.builtin.FunctionBuiltin.of;

import io.gatehouse.value.Value;
import io.gatehouse.value.Values;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Reachability over graphs kept in data, such as group hierarchies. */
final class GraphBuiltins {

    private GraphBuiltins() {
    }

    static List<Builtin> all() {
        return List.of(of("graph.reachable", GraphBuiltins::reachable, Param.OBJECT, Param.ARRAY_OR_SET));
    }

    /**
     * The set of nodes reachable from the initial nodes, themselves included. The graph maps each node to an array or
     * a set of its neighbours; as in OPA, a node that is not a key of the graph is not in the result. Each node is
     * visited once, so cycles are safe, and the result is a set, so its order is fixed.
     */
    private static Value reachable(List<Value> args) throws BuiltinException {
        Value.Obj graph = (Value.Obj) args.get(0);
        Set<Value> reached = new TreeSet<>();
        Deque<Value> pending = new ArrayDeque<>(Args.members(args.get(1)));
        while (!pending.isEmpty()) {
            Value node = pending.removeFirst();
            Value edges = node instanceof Value.Str name ? graph.members().get(name.value()) : null;
            if (edges != null && reached.add(node)) {
                pending.addAll(neighbours(node, edges));
            }
        }
        return Values.set(reached);
    }

    private static java.util.Collection<Value> neighbours(Value node, Value edges) throws BuiltinException {
        if (edges instanceof Value.Arr || edges instanceof Value.SetV) {
            return Args.members(edges);
        }
        if (edges instanceof Value.Null) {
            return List.of();
        }
        throw new BuiltinException("argument 1 must map each node to an array or a set, given "
                + Args.describe(edges) + " for node " + Args.describe(node));
    }
}
