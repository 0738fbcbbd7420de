package io.gatehouse.elevation;

import io.gatehouse.engine.Decision;
import io.gatehouse.value.Value;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What the elevation policy answered.
 *
 * @param allowed whether the step may proceed
 * @param reasons why not, when denied
 * @param maxDuration the longest elevation the policy grants ({@code obligations.max_duration_seconds}), if it says
 * @param approvalRequired whether the policy demands approval ({@code obligations.approval_required})
 * @param decisionId the id of the audited decision, or null
 */
public record ElevationVerdict(
        boolean allowed, List<String> reasons, Optional<Duration> maxDuration, boolean approvalRequired,
        String decisionId) {

    public ElevationVerdict {
        reasons = List.copyOf(reasons);
        maxDuration = maxDuration == null ? Optional.empty() : maxDuration;
    }

    public static ElevationVerdict deny(String reason) {
        return new ElevationVerdict(false, List.of(reason), Optional.empty(), false, null);
    }

    /** Reads a decision of the {@code gatehouse.elevation} policy; a malformed obligation is a deny. */
    public static ElevationVerdict fromDecision(Decision decision, String decisionId) {
        Value maxSeconds = decision.obligations().members().get("max_duration_seconds");
        Value approval = decision.obligations().members().get("approval_required");
        if (maxSeconds != null && !(maxSeconds instanceof Value.Num)) {
            return deny("policy obligation max_duration_seconds is not a number");
        }
        Optional<Duration> max = Optional.ofNullable((Value.Num) maxSeconds)
                .map(Value.Num::value).map(BigDecimal::longValue).map(Duration::ofSeconds);
        boolean approvalRequired = approval instanceof Value.Bool bool && bool.value();
        return new ElevationVerdict(decision.allowed(), decision.reasons(), max, approvalRequired, decisionId);
    }
}
