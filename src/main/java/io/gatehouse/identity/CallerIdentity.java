package io.gatehouse.identity;

import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * Who is calling, proven: from a bearer token, from the mTLS client certificate of this connection, or from the
 * client certificate a trusted sidecar saw and forwarded. Every path runs the same verifiers; each failure is a
 * {@link CredentialRejectedException} naming its reason.
 *
 * <p>Trust rule for forwarded certificates: the header is believed only when this connection's own client
 * certificate verifies and its SPIFFE ID is listed in {@code gatehouse.identity.sidecars}. From anyone else, even
 * an mTLS-authenticated service, the header is refused rather than ignored, so a misconfiguration is visible.
 */
@ApplicationScoped
public class CallerIdentity {

    private final JwtVerifier tokens;
    private final PeerCertificateVerifier certificates;
    private final Set<String> sidecars;
    private final String forwardedHeader;

    CallerIdentity(JwtVerifier tokens, PeerCertificateVerifier certificates, IdentityConfig config) {
        this.tokens = tokens;
        this.certificates = certificates;
        this.sidecars = Set.copyOf(config.sidecars().orElse(List.of()));
        this.forwardedHeader = config.forwardedCertificateHeader();
    }

    /**
     * Who is behind a decision query, in one call: {@code peer} is the querying service's own mTLS identity;
     * {@code principal} is the original caller, from a certificate a trusted sidecar forwarded or else from
     * {@code callerCredential} (a bearer token the query carries), or null when the query carries neither.
     *
     * @throws CredentialRejectedException when any credential present fails; the decision must then be a deny
     */
    public Callers resolve(HttpServerRequest request, String callerCredential) throws CredentialRejectedException {
        VerifiedPrincipal peer = fromPeerCertificate(request).orElse(null);
        Optional<VerifiedPrincipal> forwarded = fromForwardedCertificate(request, peer);
        VerifiedPrincipal principal = forwarded.isPresent() ? forwarded.get()
                : fromBearer(callerCredential).orElse(null);
        return new Callers(principal, peer);
    }

    /**
     * The verified identities of one request.
     *
     * @param principal the original caller, for {@code input.principal}, or null
     * @param peer the querying service's mTLS identity, for {@code input.peer}, or null
     */
    public record Callers(VerifiedPrincipal principal, VerifiedPrincipal peer) {
    }

    /** Verifies a bearer token, given bare or as an {@code Authorization} header value; empty when none is given. */
    public Optional<VerifiedPrincipal> fromBearer(String authorizationOrToken) throws CredentialRejectedException {
        if (authorizationOrToken == null || authorizationOrToken.isBlank()) {
            return Optional.empty();
        }
        String token = authorizationOrToken.strip();
        if (token.toLowerCase(Locale.ROOT).startsWith("bearer ")) {
            token = token.substring("bearer ".length()).strip();
        }
        return Optional.of(tokens.verify(token).principal());
    }

    /** The verified identity of this connection's TLS client certificate; empty on plain HTTP or without one. */
    public Optional<VerifiedPrincipal> fromPeerCertificate(HttpServerRequest request)
            throws CredentialRejectedException {
        if (!request.isSSL()) {
            return Optional.empty();
        }
        SSLSession session = request.sslSession();
        if (session == null) {
            return Optional.empty();
        }
        try {
            List<X509Certificate> chain = new ArrayList<>();
            for (Certificate certificate : session.getPeerCertificates()) {
                chain.add((X509Certificate) certificate);
            }
            return Optional.of(certificates.verify(chain));
        } catch (SSLPeerUnverifiedException e) {
            return Optional.empty();
        }
    }

    /**
     * The client certificate a trusted sidecar forwarded in {@code X-Gatehouse-Peer-Certificate} (URL-encoded PEM,
     * as Envoy's {@code x-forwarded-client-cert} Cert field carries it); empty when the header is absent.
     *
     * @param sidecar this connection's own verified peer, from {@link #fromPeerCertificate}, or null
     */
    public Optional<VerifiedPrincipal> fromForwardedCertificate(HttpServerRequest request, VerifiedPrincipal sidecar)
            throws CredentialRejectedException {
        String header = request.getHeader(forwardedHeader);
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        if (sidecar == null || !sidecars.contains(sidecar.subject())) {
            throw new CredentialRejectedException(RejectionReason.UNTRUSTED_FORWARDER, "only a listed sidecar"
                    + " authenticated by mTLS may forward a client certificate");
        }
        try {
            String pem = URLDecoder.decode(header, StandardCharsets.US_ASCII);
            return Optional.of(certificates.verify(PeerCertificateVerifier.parsePem(pem)));
        } catch (CertificateException | IllegalArgumentException e) {
            throw new CredentialRejectedException(RejectionReason.BAD_CERTIFICATE, "the forwarded certificate is not"
                    + " a PEM certificate chain");
        }
    }
}
