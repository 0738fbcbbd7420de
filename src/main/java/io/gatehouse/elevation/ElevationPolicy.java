package io.gatehouse.elevation;

/**
 * Asks the policy about an elevation step. The integrator provides the implementation on the one decision path
 * ({@code DecisionService} with policy {@code gatehouse.elevation}, {@link ElevationQuery#toInput()} as input and
 * {@link ElevationVerdict#fromDecision} to read the answer); until then {@link BuiltinElevationPolicy} applies the
 * same rules as {@code policies/gatehouse/elevation.pol}.
 */
public interface ElevationPolicy {

    ElevationVerdict decide(ElevationQuery query);
}
