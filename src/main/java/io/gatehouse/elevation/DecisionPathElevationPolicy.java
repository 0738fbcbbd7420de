package io.gatehouse.elevation;

import io.gatehouse.decision.DecisionOutcome;
import io.gatehouse.decision.DecisionQuery;
import io.gatehouse.decision.DecisionService;
import io.gatehouse.decision.RequestContext;
import jakarta.inject.Singleton;

/**
 * Elevation steps decided by the {@code gatehouse.elevation} policy on the one decision path, which audits the
 * decision and denies when no revision, no such package or no audit log is there.
 */
@Singleton
public class DecisionPathElevationPolicy implements ElevationPolicy {

    static final String POLICY = "gatehouse.elevation";

    private final DecisionService decisions;

    public DecisionPathElevationPolicy(DecisionService decisions) {
        this.decisions = decisions;
    }

    @Override
    public ElevationVerdict decide(ElevationQuery query) {
        DecisionOutcome outcome = decisions.decide(new DecisionQuery(POLICY, query.toInput(), query.principal(), null,
                null, false, RequestContext.INTERNAL));
        return ElevationVerdict.fromDecision(outcome.decision(), outcome.decisionId());
    }
}
