package io.gatehouse.elevation;

import java.time.Duration;
import java.util.Objects;

/** The hard limits of {@link ElevationConfig}, plain so that tests build them directly. */
public record ElevationLimits(Duration maxDuration, int minJustificationLength, int maxJustificationLength) {

    public ElevationLimits {
        Objects.requireNonNull(maxDuration, "maxDuration");
        if (maxDuration.isNegative() || maxDuration.isZero()) {
            throw new IllegalArgumentException("gatehouse.elevation.max-duration must be positive, given "
                    + maxDuration);
        }
    }

    public static ElevationLimits from(ElevationConfig config) {
        return new ElevationLimits(config.maxDuration(), config.minJustificationLength(),
                config.maxJustificationLength());
    }
}
