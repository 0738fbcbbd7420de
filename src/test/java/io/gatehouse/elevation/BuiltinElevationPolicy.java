package io.gatehouse.elevation;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A fake of {@code policies/gatehouse/elevation.pol} for the service's unit tests: low and medium risk up to an hour
 * without approval; high, critical and uncatalogued operations up to fifteen minutes with approval; only the
 * requester or the approver revokes. The real policy is exercised by its own tests and by the HTTP tests.
 */
final class BuiltinElevationPolicy implements ElevationPolicy {

    static final Duration ROUTINE_MAX = Duration.ofHours(1);
    static final Duration HIGH_RISK_MAX = Duration.ofMinutes(15);

    @Override
    public ElevationVerdict decide(ElevationQuery query) {
        return switch (query.action()) {
            case REQUEST -> request(query);
            case APPROVE -> allow(Optional.empty(), false);
            case REVOKE -> revoke(query);
        };
    }

    private static ElevationVerdict request(ElevationQuery query) {
        Duration max = query.highRisk() ? HIGH_RISK_MAX : ROUTINE_MAX;
        if (query.duration().compareTo(max) > 0) {
            return new ElevationVerdict(false, List.of("duration " + query.duration().toSeconds()
                    + "s is above the policy maximum of " + max.toSeconds() + "s"), Optional.of(max),
                    query.highRisk(), null);
        }
        return allow(Optional.of(max), query.highRisk());
    }

    private static ElevationVerdict revoke(ElevationQuery query) {
        String subject = query.principal().subject();
        Elevation existing = query.existing();
        if (existing != null && (subject.equals(existing.principal()) || subject.equals(existing.approvedBy()))) {
            return allow(Optional.empty(), false);
        }
        return ElevationVerdict.deny("only the requester or the approver may revoke an elevation");
    }

    private static ElevationVerdict allow(Optional<Duration> max, boolean approvalRequired) {
        return new ElevationVerdict(true, List.of(), max, approvalRequired, null);
    }
}
