package io.gatehouse.admission;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the validating hook reads its constraints in the policy revision's data. */
@ConfigMapping(prefix = "gatehouse.admission.validation")
public interface ValidationConfig {

    /**
     * Data path of the constraints: every object below it with a {@code kind} and {@code metadata.name} is one
     * constraint, whatever the files' layout (one file per constraint, lists, folders).
     */
    @WithDefault("k8s.constraints")
    String constraintsPath();

    /** Data path of the table from constraint kind to the policy package that judges it. */
    @WithDefault("k8s.templates")
    String templatesPath();

    /** Threads judging constraints side by side, shared by all reviews; see {@link AdmissionValidator}. */
    @WithDefault("4")
    int parallelism();

    /** Whether {@code metadata.managedFields} is dropped from the objects policies see (and audit records keep). */
    @WithDefault("true")
    boolean dropManagedFields();
}
