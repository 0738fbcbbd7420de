package io.gatehouse.admission;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Constraints chosen by a test, with the shipped templates table. It extends the real source only because Quarkus
 * replaces a bean by a subtype of its class ({@code QuarkusMock}); nothing of the real source runs.
 */
final class FakeConstraints extends RevisionConstraintSource {

    private final ConstraintSet set;
    private final String unavailable;

    private FakeConstraints(ConstraintSet set, String unavailable) {
        super(null, null);
        this.set = set;
        this.unavailable = unavailable;
    }

    static FakeConstraints of(List<Constraint> constraints) {
        return of(constraints, shippedTemplates());
    }

    static FakeConstraints of(List<Constraint> constraints, Map<String, String> templates) {
        return new FakeConstraints(new ConstraintSet(constraints, templates, "fake"), null);
    }

    /** A source that has nothing to give, as when no revision is loaded. */
    static FakeConstraints unavailable(String reason) {
        return new FakeConstraints(null, reason);
    }

    @Override
    public ConstraintSet current() {
        if (unavailable != null) {
            throw new ConstraintsUnavailableException(unavailable);
        }
        return set;
    }

    static Map<String, String> shippedTemplates() {
        Map<String, String> templates = new TreeMap<>();
        GatekeeperCorpusTest.read(Path.of("policies", "k8s", "templates.yaml")).fields()
                .forEachRemaining(entry -> templates.put(entry.getKey(), entry.getValue().asText()));
        return templates;
    }
}
