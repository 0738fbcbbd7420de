package io.gatehouse.elevation;

/**
 * Asks the policy about an elevation step: {@link DecisionPathElevationPolicy} in the service, hand-written fakes in
 * unit tests.
 */
public interface ElevationPolicy {

    ElevationVerdict decide(ElevationQuery query);
}
