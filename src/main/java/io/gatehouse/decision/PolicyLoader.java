package io.gatehouse.decision;

import io.gatehouse.engine.Diagnostic;
import io.gatehouse.engine.PolicyCompileException;
import io.gatehouse.engine.PolicyEngine;
import io.gatehouse.engine.Revision;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.logging.Logger;

/**
 * Loads the policy directory at startup. A directory that does not compile stops startup with every error listed
 * as {@code file:line:column: message}: a service that cannot decide must not pretend to be ready.
 */
@ApplicationScoped
public class PolicyLoader {

    private static final Logger LOG = Logger.getLogger(PolicyLoader.class);

    private final PolicyConfig config;
    private final RevisionHolder revisions;

    PolicyLoader(PolicyConfig config, RevisionHolder revisions) {
        this.config = config;
        this.revisions = revisions;
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.loadAtStartup()) {
            LOG.info("policy directory not loaded at startup; waiting for a revision");
            return;
        }
        Revision revision = load(Path.of(config.dir()));
        revisions.swap(revision);
        LOG.infof("policy revision %s loaded from %s: %d packages, %d privileged operations",
                shortId(revision.id()), config.dir(), revision.packages().size(), revision.catalog().size());
        revision.warnings().forEach(warning -> LOG.warn(warning.format()));
    }

    /** Compiles {@code directory}, or fails with every compile error in the message. */
    public static Revision load(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalStateException("policy directory " + directory.toAbsolutePath() + " does not exist"
                    + "\n  hint: set gatehouse.policy.dir to the folder holding your .pol files");
        }
        try {
            return PolicyEngine.load(directory);
        } catch (PolicyCompileException failed) {
            StringBuilder message = new StringBuilder("policies in " + directory + " do not compile:");
            for (Diagnostic diagnostic : failed.diagnostics()) {
                message.append('\n').append(diagnostic.format());
            }
            throw new IllegalStateException(message.toString());
        }
    }

    static String shortId(String revisionId) {
        return revisionId.length() > 12 ? revisionId.substring(0, 12) : revisionId;
    }
}
