package io.gatehouse.lifecycle;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reloading, rolling back and distributing policy revisions. */
@ConfigMapping(prefix = "gatehouse.lifecycle")
public interface LifecycleConfig {

    /** Whether the central service watches its policy directory and reloads it when a file changes. */
    @WithDefault("true")
    boolean watch();

    /** How long the directory must stay quiet after a change before it is reloaded, so a checkout lands whole. */
    @WithDefault("300ms")
    Duration debounce();

    /** How often the directory's content hash is compared with the loaded one, in case a file event was missed. */
    @WithDefault("10s")
    Duration hashCheckInterval();

    /**
     * Bearer secret that authorizes {@code POST /v1/policies/reload} and {@code /rollback}. With neither this nor
     * {@link #adminIdentities()} set, the admin endpoints refuse every request.
     */
    Optional<String> adminSecret();

    /** Verified principal subjects (e.g. SPIFFE IDs from mTLS) allowed to call the admin endpoints. */
    Optional<List<String>> adminIdentities();

    /** Where the bundle signing key and the sidecar's unpacked bundles live. */
    @WithDefault("state/lifecycle")
    String stateDir();

    /**
     * Named bundles besides {@code default} (the whole revision): bundle name to the path prefixes of the source
     * files it carries, e.g. {@code gatehouse.lifecycle.bundles.payments=payments/,common/}.
     */
    Map<String, List<String>> bundles();

    /** Sidecar mode: pull signed bundles from the central service instead of reading a policy directory. */
    Sidecar sidecar();

    interface Sidecar {

        /** Whether this node is a sidecar. The {@code sidecar} profile turns it on. */
        @WithDefault("false")
        boolean enabled();

        /** Base URL of the central service, e.g. {@code https://gatehouse.security.svc:8443}. No default. */
        Optional<String> centralUrl();

        /** The bundle to pull. */
        @WithDefault("default")
        String bundle();

        /** How often to ask the central service for a newer bundle. */
        @WithDefault("5s")
        Duration pollInterval();

        /** How long one pull may take before it counts as a failure. */
        @WithDefault("5s")
        Duration timeout();

        /** PEM file of the central service's bundle public key; a bundle that does not verify is refused. */
        Optional<String> publicKeyFile();

        /**
         * Accept a bundle whose sequence is older than the running one. Off by default, so a replayed old bundle
         * cannot roll a sidecar back; an operator turns it on only to force a downgrade.
         */
        @WithDefault("false")
        boolean allowOlder();

        /** Largest bundle accepted, in bytes. */
        @WithDefault("16777216")
        long maxBundleBytes();
    }
}
