package io.gatehouse.identity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/** Builds the verifiers from configuration at startup; a bad bundle, JWKS or audience set stops startup. */
@ApplicationScoped
public class IdentityBeans {

    private static final Logger LOG = Logger.getLogger(IdentityBeans.class);

    @Produces
    @Singleton
    PeerCertificateVerifier peerCertificates(IdentityConfig config, Clock clock) {
        Map<String, List<X509Certificate>> bundles = new HashMap<>();
        config.trustDomains().forEach((domain, trustDomain) -> {
            if (SpiffeId.parse("spiffe://" + domain).isEmpty()) {
                throw new IllegalStateException("trust domain \"" + domain + "\" is not a valid trust domain name");
            }
            try {
                bundles.put(domain, PeerCertificateVerifier.parsePem(Files.readString(Path.of(trustDomain.bundle()))));
            } catch (IOException | CertificateException e) {
                throw new IllegalStateException("bundle of trust domain \"" + domain + "\" (" + trustDomain.bundle()
                        + ") cannot be read: " + e.getMessage(), e);
            }
        });
        LOG.infof("mTLS: %d trust domains configured %s", bundles.size(), bundles.keySet());
        return new PeerCertificateVerifier(bundles, clock);
    }

    /** The configured external issuers; the token service adds Gatehouse's own. */
    public static List<TrustedIssuer> externalIssuers(IdentityConfig config) {
        List<TrustedIssuer> issuers = new ArrayList<>();
        config.issuers().forEach((name, issuer) -> {
            String json = issuer.jwks().orElseGet(() -> read(name, issuer));
            boolean svid = TrustedIssuer.JWT_SVID.equals(issuer.kind());
            JwksKeys keys = JwksKeys.parse(json, svid ? "jwt-svid" : "sig");
            issuers.add(new TrustedIssuer(issuer.issuer(), issuer.kind(), issuer.trustDomain().orElse(null),
                    new HashSet<>(issuer.audiences()), new HashSet<>(issuer.algorithms()), keys));
            LOG.infof("trusting %s issuer %s (%s): %d keys", issuer.kind(), name, issuer.issuer(), keys.size());
        });
        return issuers;
    }

    private static String read(String name, IdentityConfig.Issuer issuer) {
        String file = issuer.jwksFile().orElseThrow(() -> new IllegalStateException("issuer \"" + name
                + "\" needs jwks-file or jwks"));
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            throw new UncheckedIOException("JWKS of issuer \"" + name + "\" cannot be read from " + file, e);
        }
    }
}
