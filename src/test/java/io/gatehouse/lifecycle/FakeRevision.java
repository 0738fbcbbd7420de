package io.gatehouse.lifecycle;

import io.gatehouse.engine.DecideOptions;
import io.gatehouse.engine.Decision;
import io.gatehouse.engine.Diagnostic;
import io.gatehouse.engine.PrivilegedOperation;
import io.gatehouse.engine.Revision;
import io.gatehouse.engine.TestReport;
import io.gatehouse.value.Value;
import io.gatehouse.value.Values;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** A hand-written revision for tests that need ids and simple answers, not the compiler. */
final class FakeRevision implements Revision {

    private final String id;
    private final Map<String, String> sources;
    private final Function<Value, Boolean> allows;
    private final List<String> reasonsWhenDenied;

    private FakeRevision(String id, Map<String, String> sources, Function<Value, Boolean> allows,
            List<String> reasonsWhenDenied) {
        this.id = id;
        this.sources = sources;
        this.allows = allows;
        this.reasonsWhenDenied = reasonsWhenDenied;
    }

    static FakeRevision withId(String id) {
        return new FakeRevision(id, Map.of(), input -> false, List.of("fake denies"));
    }

    static FakeRevision withSources(String id, Map<String, String> sources) {
        return new FakeRevision(id, sources, input -> false, List.of("fake denies"));
    }

    static FakeRevision deciding(String id, Function<Value, Boolean> allows, String denyReason) {
        return new FakeRevision(id, Map.of(), allows, List.of(denyReason));
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public List<String> packages() {
        return List.of("fake");
    }

    @Override
    public List<PrivilegedOperation> catalog() {
        return List.of();
    }

    @Override
    public Map<String, String> sources() {
        return sources;
    }

    @Override
    public List<Diagnostic> warnings() {
        return List.of();
    }

    @Override
    public Decision decide(String policy, Value input, DecideOptions options) {
        boolean allowed = allows.apply(input);
        return new Decision(allowed, allowed ? List.of() : reasonsWhenDenied, Values.object(Map.of()), id, null,
                false, null, List.of(policy + (allowed ? ".allow" : ".deny")), null);
    }

    @Override
    public Optional<Value> query(String path, Value input) {
        return Optional.empty();
    }

    @Override
    public List<String> rules(String policy) {
        return List.of("allow", "deny");
    }

    @Override
    public TestReport runTests(boolean coverage) {
        return new TestReport(List.of(), null);
    }

    @Override
    public String tree(String policy, TreeFormat format) {
        return "";
    }

    @Override
    public String toString() {
        return "FakeRevision[" + id + "]";
    }
}
