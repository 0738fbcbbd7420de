package io.gatehouse.admission;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** A hand-written sidecar configuration with the production defaults, for tests that build the injector directly. */
record FakeSidecarConfig(Optional<String> bundleKeySecret, List<String> excludedNamespaces) implements SidecarConfig {

    static FakeSidecarConfig defaults() {
        return new FakeSidecarConfig(Optional.empty(), List.of("gatehouse", "kube-system"));
    }

    FakeSidecarConfig withBundleKeySecret(String secret) {
        return new FakeSidecarConfig(Optional.of(secret), excludedNamespaces);
    }

    @Override
    public String containerName() {
        return "gatehouse-sidecar";
    }

    @Override
    public String image() {
        return "registry.test/gatehouse:9.9.9";
    }

    @Override
    public String imagePullPolicy() {
        return "IfNotPresent";
    }

    @Override
    public String profile() {
        return "sidecar";
    }

    @Override
    public int port() {
        return 8181;
    }

    @Override
    public String centralUrl() {
        return "https://gatehouse.gatehouse.svc:8443";
    }

    @Override
    public Duration bundleRefresh() {
        return Duration.ofSeconds(30);
    }

    @Override
    public long runAsUser() {
        return 65532;
    }

    @Override
    public Resources resources() {
        return new Resources() {
            @Override
            public String cpuRequest() {
                return "50m";
            }

            @Override
            public String memoryRequest() {
                return "64Mi";
            }

            @Override
            public String cpuLimit() {
                return "500m";
            }

            @Override
            public String memoryLimit() {
                return "192Mi";
            }
        };
    }
}
