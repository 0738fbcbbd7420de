package io.gatehouse.admission;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.decision.RevisionHolder;
import io.gatehouse.engine.EvaluationException;
import io.gatehouse.engine.Revision;
import io.gatehouse.value.Value;
import io.gatehouse.value.Values;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reads the constraints from the data documents of the current policy revision, so that constraints change with
 * the policies, in git, and reload with them. The parsed set is kept until the revision changes.
 */
@ApplicationScoped
public class RevisionConstraintSource implements ConstraintSource {

    private final RevisionHolder revisions;
    private final ValidationConfig config;
    private final AtomicReference<ConstraintSet> cached = new AtomicReference<>();

    public RevisionConstraintSource(RevisionHolder revisions, ValidationConfig config) {
        this.revisions = revisions;
        this.config = config;
    }

    @Override
    public ConstraintSet current() {
        Revision revision = revisions.current()
                .orElseThrow(() -> new ConstraintsUnavailableException("no policy revision is loaded"));
        ConstraintSet known = cached.get();
        if (known != null && known.revision().equals(revision.id())) {
            return known;
        }
        ConstraintSet fresh = read(revision);
        cached.set(fresh);
        return fresh;
    }

    private ConstraintSet read(Revision revision) {
        JsonNode constraints = data(revision, config.constraintsPath());
        JsonNode templates = data(revision, config.templatesPath());
        if (!templates.isObject()) {
            throw new ConstraintsUnavailableException("data." + config.templatesPath() + " must be an object");
        }
        Map<String, String> table = new TreeMap<>();
        templates.fields().forEachRemaining(entry -> table.put(entry.getKey(), entry.getValue().asText()));
        List<Constraint> found = new ArrayList<>();
        try {
            collect(constraints, found);
        } catch (IllegalArgumentException malformed) {
            throw new ConstraintsUnavailableException("data." + config.constraintsPath() + ": "
                    + malformed.getMessage());
        }
        return new ConstraintSet(found, table, revision.id());
    }

    private static JsonNode data(Revision revision, String path) {
        Optional<Value> value;
        try {
            value = revision.query(path, Value.Null.INSTANCE);
        } catch (EvaluationException failed) {
            throw new ConstraintsUnavailableException("data." + path + " could not be read: " + failed.getMessage());
        }
        return Values.toJson(value.orElseThrow(() ->
                new ConstraintsUnavailableException("data." + path + " is not defined in the policy revision")));
    }

    /** A constraint is any object with a kind and a name; everything else is walked into, in data order. */
    static void collect(JsonNode node, List<Constraint> into) {
        if (node.isObject() && node.has("kind") && node.path("metadata").has("name")) {
            into.add(Constraint.of(node));
        } else if (node.isObject() || node.isArray()) {
            node.forEach(child -> collect(child, into));
        }
    }
}
