package io.gatehouse.decision;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** Where policies come from and how decision queries are bounded. */
@ConfigMapping(prefix = "gatehouse.policy")
public interface PolicyConfig {

    /** Directory holding the .pol files and their data documents, read at startup. */
    @WithDefault("policies")
    String dir();

    /**
     * Whether the service loads {@link #dir()} at startup. A sidecar that takes its policies from signed bundles
     * turns it off and starts with no revision, denying everything until its first bundle arrives.
     */
    @WithDefault("true")
    boolean loadAtStartup();

    /** How many distinct revisions this node keeps for rollback, the current one included. */
    @WithDefault("5")
    int historySize();

    /** Largest number of queries in one batch request. */
    @WithDefault("100")
    int maxBatchSize();

    /** The node's name in audit records and decision responses; the host name when unset. */
    Optional<String> nodeId();
}
