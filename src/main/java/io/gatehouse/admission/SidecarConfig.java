package io.gatehouse.admission;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** What the mutating hook injects into a pod that opts in; see {@code docs/kubernetes.md}. */
@ConfigMapping(prefix = "gatehouse.admission.sidecar")
public interface SidecarConfig {

    /** Name of the injected container; a pod that already has a container of this name is left alone. */
    @WithDefault("gatehouse-sidecar")
    String containerName();

    /** Image of the sidecar: the same application, started in the {@link #profile()} profile. */
    @WithDefault("ghcr.io/gatehouse/gatehouse:1.0.0")
    String image();

    /** Kubernetes image pull policy of the sidecar container. */
    @WithDefault("IfNotPresent")
    String imagePullPolicy();

    /** Quarkus profile the sidecar runs in: local decisions on bundles pulled from the central service. */
    @WithDefault("sidecar")
    String profile();

    /** Port the sidecar listens on inside the pod; the readiness probe uses it too. */
    @WithDefault("8181")
    int port();

    /** Address of the central Gatehouse service the sidecar pulls signed policy bundles from. */
    @WithDefault("https://gatehouse.gatehouse.svc:8443")
    String centralUrl();

    /** How often the sidecar asks the central service for a newer bundle. */
    @WithDefault("30s")
    Duration bundleRefresh();

    /** User id the sidecar runs as; never 0. */
    @WithDefault("65532")
    long runAsUser();

    /** Compute resources of the sidecar container. */
    Resources resources();

    /**
     * Secret in the pod's namespace holding {@code bundle-signing-key.pub.pem}, the public key the central service
     * signs policy bundles with; the sidecar pins it. Unset: nothing is mounted, and a sidecar without a pinned key
     * accepts no bundle, so it denies everything (fail closed).
     */
    Optional<String> bundleKeySecret();

    /** Namespaces where nothing is ever injected, whatever the webhook configuration's selectors let through. */
    @WithDefault("gatehouse,kube-system")
    List<String> excludedNamespaces();

    /** Requests and limits, as Kubernetes quantities. */
    interface Resources {

        @WithDefault("50m")
        String cpuRequest();

        @WithDefault("64Mi")
        String memoryRequest();

        @WithDefault("500m")
        String cpuLimit();

        @WithDefault("192Mi")
        String memoryLimit();
    }
}
