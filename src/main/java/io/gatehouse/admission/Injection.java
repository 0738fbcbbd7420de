package io.gatehouse.admission;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.Objects;

/** What the mutating hook does with one pod. */
public sealed interface Injection {

    /** Nothing to inject; {@code why} says which rule decided, for the debug log and the tests. */
    record Skip(String why) implements Injection {

        public Skip {
            Objects.requireNonNull(why, "why");
        }
    }

    /** The pod asked for the sidecar but cannot take it as it is; it is admitted unchanged, with a warning. */
    record Conflict(String warning) implements Injection {

        public Conflict {
            Objects.requireNonNull(warning, "warning");
        }
    }

    /** The review is answerable but not judgeable (a CREATE without its object); fail closed with a denial. */
    record Refuse(String reason) implements Injection {

        public Refuse {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The JSON Patch that adds the sidecar, its volumes and the annotation that records the injection. */
    record Patch(ArrayNode operations) implements Injection {

        public Patch {
            Objects.requireNonNull(operations, "operations");
        }
    }
}
