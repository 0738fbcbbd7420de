package io.gatehouse.identity;

import static io.gatehouse.identity.RejectionReason.BAD_CERTIFICATE;
import static io.gatehouse.identity.RejectionReason.UNTRUSTED_CERTIFICATE;
import static io.gatehouse.identity.RejectionReason.UNTRUSTED_TRUST_DOMAIN;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Turns an X.509-SVID client certificate chain into a principal. The chain is validated only against the bundle of
 * the trust domain its SPIFFE ID names, so a certificate issued by domain A's CA that claims an ID in domain B is
 * refused even when both bundles are trusted for the TLS handshake.
 */
public final class PeerCertificateVerifier {

    private static final int URI_SAN = 6;
    private static final int KEY_CERT_SIGN = 5;
    private static final int CRL_SIGN = 6;

    private final Map<String, Set<TrustAnchor>> bundles;
    private final Clock clock;

    /** @param bundles the CA certificates of each trust domain, by trust domain name */
    public PeerCertificateVerifier(Map<String, List<X509Certificate>> bundles, Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.bundles = new java.util.HashMap<>();
        bundles.forEach((domain, certificates) -> {
            Set<TrustAnchor> anchors = new HashSet<>();
            certificates.forEach(certificate -> anchors.add(new TrustAnchor(certificate, null)));
            this.bundles.put(domain, Set.copyOf(anchors));
        });
    }

    /** Verifies a chain, leaf first, as presented in a TLS handshake. */
    public VerifiedPrincipal verify(List<X509Certificate> chain) throws CredentialRejectedException {
        if (chain == null || chain.isEmpty()) {
            throw new CredentialRejectedException(BAD_CERTIFICATE, "no client certificate");
        }
        X509Certificate leaf = chain.get(0);
        SpiffeId id = spiffeId(leaf);
        checkLeafConstraints(leaf);
        Set<TrustAnchor> anchors = bundles.get(id.trustDomain());
        if (anchors == null || anchors.isEmpty()) {
            throw new CredentialRejectedException(UNTRUSTED_TRUST_DOMAIN, "no bundle is configured for trust domain \""
                    + id.trustDomain() + "\"");
        }
        validatePath(chain, anchors, id);
        return new VerifiedPrincipal(id.toString(), "x509-svid", id.trustDomain(), id.toString(), Map.of(), null);
    }

    /** X.509-SVID: exactly one URI SAN, a workload SPIFFE ID. */
    private static SpiffeId spiffeId(X509Certificate leaf) throws CredentialRejectedException {
        List<String> uris = new ArrayList<>();
        try {
            Collection<List<?>> names = leaf.getSubjectAlternativeNames();
            if (names != null) {
                for (List<?> name : names) {
                    if (((Integer) name.get(0)) == URI_SAN) {
                        uris.add((String) name.get(1));
                    }
                }
            }
        } catch (CertificateException e) {
            throw new CredentialRejectedException(BAD_CERTIFICATE, "unreadable subject alternative names");
        }
        if (uris.size() != 1) {
            throw new CredentialRejectedException(BAD_CERTIFICATE,
                    "an X.509-SVID has exactly one URI SAN, this one has " + uris.size());
        }
        return SpiffeId.parse(uris.get(0)).filter(SpiffeId::isWorkload).orElseThrow(() ->
                new CredentialRejectedException(BAD_CERTIFICATE, "the URI SAN is not a workload SPIFFE ID"));
    }

    /** A leaf is not a CA and may not sign certificates or CRLs. */
    private static void checkLeafConstraints(X509Certificate leaf) throws CredentialRejectedException {
        if (leaf.getBasicConstraints() != -1) {
            throw new CredentialRejectedException(BAD_CERTIFICATE, "a CA certificate is not a workload identity");
        }
        boolean[] usage = leaf.getKeyUsage();
        if (usage != null && (usage[KEY_CERT_SIGN] || usage[CRL_SIGN])) {
            throw new CredentialRejectedException(BAD_CERTIFICATE, "a leaf may not have keyCertSign or cRLSign");
        }
    }

    private void validatePath(List<X509Certificate> chain, Set<TrustAnchor> anchors, SpiffeId id)
            throws CredentialRejectedException {
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            CertPath path = factory.generateCertPath(withoutAnchors(chain, anchors));
            PKIXParameters parameters = new PKIXParameters(anchors);
            // SVIDs are short-lived and SPIFFE publishes no CRLs: revocation is by expiry
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(clock.instant()));
            CertPathValidator.getInstance("PKIX").validate(path, parameters);
        } catch (GeneralSecurityException e) {
            throw new CredentialRejectedException(UNTRUSTED_CERTIFICATE, "the chain does not validate against the"
                    + " bundle of trust domain \"" + id.trustDomain() + "\"");
        }
    }

    private static List<X509Certificate> withoutAnchors(List<X509Certificate> chain, Set<TrustAnchor> anchors) {
        List<X509Certificate> path = new ArrayList<>();
        for (X509Certificate certificate : chain) {
            boolean isAnchor = anchors.stream().anyMatch(anchor -> anchor.getTrustedCert().equals(certificate));
            if (!isAnchor) {
                path.add(certificate);
            }
        }
        return path;
    }

    /** Reads every certificate of a PEM text. */
    public static List<X509Certificate> parsePem(String pem) throws CertificateException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        List<X509Certificate> certificates = new ArrayList<>();
        for (Certificate certificate : factory.generateCertificates(
                new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
            certificates.add((X509Certificate) certificate);
        }
        return certificates;
    }
}
