package io.gatehouse.decision;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.identity.VerifiedPrincipal;
import java.util.Objects;

/**
 * One query to the decision path.
 *
 * @param policy the entrypoint package, e.g. {@code payments.refunds}
 * @param input the caller's input document; its reserved parts are replaced by verified values
 * @param principal the verified original caller, or null
 * @param peer the verified querying service (mTLS), or null
 * @param elevation the active elevation for this principal and operation, or null
 * @param explain whether to explain the decision
 * @param context where the query came from
 */
public record DecisionQuery(
        String policy, JsonNode input, VerifiedPrincipal principal, VerifiedPrincipal peer, JsonNode elevation,
        boolean explain, RequestContext context) {

    public DecisionQuery {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(context, "context");
    }

    /** A query with no verified identity, as the CLI or an internal caller makes it. */
    public static DecisionQuery of(String policy, JsonNode input) {
        return new DecisionQuery(policy, input, null, null, null, false, RequestContext.INTERNAL);
    }
}
