package io.gatehouse.lifecycle;

import io.gatehouse.engine.PolicyCompileException;
import io.gatehouse.engine.PolicyEngine;
import io.gatehouse.engine.Revision;
import java.nio.file.Path;

/** Compiles a policy directory; {@link PolicyEngine#load(Path)} in the service, a fake in tests. */
@FunctionalInterface
public interface RevisionLoader {

    RevisionLoader ENGINE = PolicyEngine::load;

    Revision load(Path directory) throws PolicyCompileException;
}
