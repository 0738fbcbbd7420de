package io.gatehouse.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("mTLS client certificates (X.509-SVIDs)")
class PeerCertificateVerifierTest {

    static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    static final TestPki.Issued PROD = TestPki.ca("prod.example.org", NOW);
    static final TestPki.Issued STAGING = TestPki.ca("staging.example.org", NOW);

    final FakeClock clock = new FakeClock(NOW);
    final PeerCertificateVerifier verifier = new PeerCertificateVerifier(Map.of(
            "prod.example.org", List.of(PROD.certificate()),
            "staging.example.org", List.of(STAGING.certificate())), clock);

    static List<X509Certificate> chain(TestPki.Issued leaf) {
        return List.of(leaf.certificate());
    }

    void assertRejected(List<X509Certificate> chain, RejectionReason reason) {
        assertThatThrownBy(() -> verifier.verify(chain)).isInstanceOf(CredentialRejectedException.class)
                .extracting(e -> ((CredentialRejectedException) e).reason()).isEqualTo(reason);
    }

    @Test
    void aCertificateOfItsOwnTrustDomainYieldsItsSpiffeId() throws Exception {
        VerifiedPrincipal principal = verifier.verify(chain(TestPki.svid(PROD,
                "spiffe://prod.example.org/ns/payments/sa/refunder", NOW)));

        assertThat(principal.spiffeId()).isEqualTo("spiffe://prod.example.org/ns/payments/sa/refunder");
        assertThat(principal.kind()).isEqualTo("x509-svid");
        assertThat(principal.issuer()).isEqualTo("prod.example.org");
    }

    @Test
    @DisplayName("a certificate from staging's CA claiming a prod ID is refused although both bundles are trusted")
    void aCertificateFromTheWrongTrustDomain() {
        assertRejected(chain(TestPki.svid(STAGING, "spiffe://prod.example.org/ns/payments/sa/refunder", NOW)),
                RejectionReason.UNTRUSTED_CERTIFICATE);
    }

    @Test
    void aTrustDomainWithoutBundle() {
        TestPki.Issued other = TestPki.ca("dev.example.org", NOW);

        assertRejected(chain(TestPki.svid(other, "spiffe://dev.example.org/a", NOW)),
                RejectionReason.UNTRUSTED_TRUST_DOMAIN);
    }

    @Test
    void anExpiredCertificate() {
        TestPki.Issued leaf = TestPki.svid(PROD, "spiffe://prod.example.org/a", NOW);
        clock.advance(Duration.ofDays(2));

        assertRejected(chain(leaf), RejectionReason.UNTRUSTED_CERTIFICATE);
    }

    @Test
    void aCaCertificateIsNotAWorkload() {
        TestPki.Issued intermediate = TestPki.ca("prod.example.org", NOW);

        assertRejected(chain(intermediate), RejectionReason.BAD_CERTIFICATE);
    }

    @Test
    void aCertificateWithoutSpiffeId() {
        assertRejected(chain(TestPki.server(PROD, NOW)), RejectionReason.BAD_CERTIFICATE);
    }

    @Test
    void aMalformedSpiffeId() {
        assertRejected(chain(TestPki.svid(PROD, "spiffe://prod.example.org/a/../b", NOW)),
                RejectionReason.BAD_CERTIFICATE);
    }
}
