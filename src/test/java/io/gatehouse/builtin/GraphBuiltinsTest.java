package io.gatehouse.builtin;

import static io.gatehouse.builtin.BuiltinCase.error;
import static io.gatehouse.builtin.BuiltinCase.ok;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class GraphBuiltinsTest {

    private static final String GROUPS = "{'admins': ['ops'], 'ops': ['oncall', 'sre'], 'oncall': [], 'sre': []}";

    static Stream<BuiltinCase> cases() {
        return Stream.of(
                ok("everything below a group is reachable, the group included", "graph.reachable",
                        "[" + GROUPS + ", ['admins']]", "{'$set': ['admins', 'ops', 'oncall', 'sre']}"),
                ok("a leaf reaches only itself", "graph.reachable", "[" + GROUPS + ", ['sre']]", "{'$set': ['sre']}"),
                ok("several initial nodes", "graph.reachable", "[" + GROUPS + ", {'$set': ['oncall', 'sre']}]",
                        "{'$set': ['oncall', 'sre']}"),
                ok("a cycle terminates", "graph.reachable", "[{'a': ['b'], 'b': ['c'], 'c': ['a']}, ['a']]",
                        "{'$set': ['a', 'b', 'c']}"),
                ok("a self loop terminates", "graph.reachable", "[{'a': ['a']}, ['a']]", "{'$set': ['a']}"),
                ok("edges may be sets", "graph.reachable", "[{'a': {'$set': ['b']}, 'b': {'$set': []}}, ['a']]",
                        "{'$set': ['a', 'b']}"),
                ok("a node that is not a key is left out, as in OPA", "graph.reachable", "[{'a': ['b']}, ['a']]",
                        "{'$set': ['a']}"),
                ok("an unknown initial node is left out", "graph.reachable", "[" + GROUPS + ", ['nobody']]",
                        "{'$set': []}"),
                ok("null edges mean no neighbours", "graph.reachable", "[{'a': null}, ['a']]", "{'$set': ['a']}"),
                ok("no initial nodes reach nothing", "graph.reachable", "[" + GROUPS + ", []]", "{'$set': []}"),
                error("edges must be an array or a set", "graph.reachable", "[{'a': 'b'}, ['a']]",
                        "graph.reachable: argument 1 must map each node to an array or a set, given string \"b\" for "
                                + "node string \"a\""),
                error("the graph must be an object", "graph.reachable", "[[], ['a']]",
                        "graph.reachable: argument 1 must be an object, given array []"),
                error("the initial nodes must be a collection", "graph.reachable", "[{}, 'a']",
                        "graph.reachable: argument 2 must be an array or a set, given string \"a\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void behavesAsSpecified(BuiltinCase row) {
        row.run();
    }
}
