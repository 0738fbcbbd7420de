package io.gatehouse.admission;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The constraints in force and the table from constraint kind to the policy package that judges it.
 *
 * @param constraints every constraint, in a stable order
 * @param templates constraint kind to policy package, e.g. {@code K8sRequiredLabels -> k8s.requiredlabels}
 * @param revision the revision they were read from
 */
public record ConstraintSet(List<Constraint> constraints, Map<String, String> templates, String revision) {

    public ConstraintSet {
        constraints = List.copyOf(constraints);
        templates = Map.copyOf(templates);
    }

    public Optional<String> policyFor(Constraint constraint) {
        return Optional.ofNullable(templates.get(constraint.kind()));
    }
}
