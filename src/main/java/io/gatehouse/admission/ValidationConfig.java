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
}
