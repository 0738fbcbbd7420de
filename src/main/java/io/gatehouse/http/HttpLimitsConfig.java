package io.gatehouse.http;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits on request bodies, enforced before a policy sees them. */
@ConfigMapping(prefix = "gatehouse.http")
public interface HttpLimitsConfig {

    /** Largest request body in bytes; a larger one is refused with 413. */
    @WithDefault("1048576")
    long maxBodyBytes();

    /** Deepest JSON nesting accepted in a request body. */
    @WithDefault("64")
    int maxJsonDepth();

    /** Longest JSON string accepted, in characters. */
    @WithDefault("262144")
    int maxStringLength();

    /** Longest JSON number accepted, in characters. */
    @WithDefault("100")
    int maxNumberLength();
}
