package io.gatehouse.identity;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Who Gatehouse believes: trusted token issuers, trust-domain bundles for mTLS, and verification limits. */
@ConfigMapping(prefix = "gatehouse.identity")
public interface IdentityConfig {

    /** Trusted bearer-token issuers by a short name, e.g. {@code gatehouse.identity.issuers.cluster.*}. */
    Map<String, Issuer> issuers();

    /** CA bundles by trust domain, e.g. {@code gatehouse.identity.trust-domains."prod.example.org".bundle}. */
    Map<String, TrustDomain> trustDomains();

    /**
     * SPIFFE IDs of sidecars allowed to forward the client certificate they saw; only these, proven by their own
     * mTLS certificate, may send {@link #forwardedCertificateHeader()}.
     */
    Optional<List<String>> sidecars();

    /** The header a trusted sidecar puts the URL-encoded PEM of its caller's certificate in. */
    @WithDefault("X-Gatehouse-Peer-Certificate")
    String forwardedCertificateHeader();

    /** The largest bearer token accepted, in bytes. */
    @WithDefault("16384")
    int maxTokenBytes();

    /** The deepest JSON nesting accepted in a token's header or claims. */
    @WithDefault("16")
    int maxDepth();

    /** How far token times may be off the clock; at most five minutes. */
    @WithDefault("30s")
    Duration clockSkew();

    /** One trusted issuer of bearer tokens. */
    interface Issuer {

        /** The exact {@code iss} value. */
        String issuer();

        /** {@code kubernetes} (service-account tokens) or {@code jwt-svid}. */
        String kind();

        /** For {@code jwt-svid}: the trust domain whose workloads this issuer vouches for. */
        Optional<String> trustDomain();

        /** The audiences a token must name one of; an empty list stops startup. */
        List<String> audiences();

        /** The algorithms pinned for this issuer; the token header never chooses. */
        @WithDefault("RS256")
        List<String> algorithms();

        /** A JWKS file with the issuer's keys (e.g. the cluster's service-account issuer keys). */
        Optional<String> jwksFile();

        /** The issuer's JWKS inline, as JSON, instead of a file. */
        Optional<String> jwks();
    }

    /** The bundle of one trust domain. */
    interface TrustDomain {

        /** A PEM file with the trust domain's CA certificates. */
        String bundle();
    }
}
