package io.gatehouse.http;

import io.vertx.core.http.HttpServerRequest;
import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * The SPIFFE ID of an mTLS peer, read from the URI subject alternative name of the client certificate the TLS layer
 * verified. Only meaningful when the server requests client certificates against a trust store holding the mesh's
 * CA; without client authentication there is no peer and the answer is null.
 */
final class PeerIdentity {

    private static final int URI_NAME = 6;

    private PeerIdentity() {
    }

    static String spiffeId(HttpServerRequest request) {
        if (request == null || !request.isSSL()) {
            return null;
        }
        SSLSession session = request.sslSession();
        if (session == null) {
            return null;
        }
        try {
            Certificate[] chain = session.getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate leaf ? uriOf(leaf) : null;
        } catch (SSLPeerUnverifiedException noPeer) {
            return null;
        }
    }

    private static String uriOf(X509Certificate certificate) {
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            if (names == null) {
                return null;
            }
            List<String> uris = names.stream()
                    .filter(name -> name.size() == 2 && Integer.valueOf(URI_NAME).equals(name.get(0)))
                    .map(name -> String.valueOf(name.get(1)))
                    .filter(uri -> uri.startsWith("spiffe://"))
                    .toList();
            // a SPIFFE certificate carries exactly one SPIFFE ID; more than one is not an identity
            return uris.size() == 1 ? uris.get(0) : null;
        } catch (CertificateParsingException malformed) {
            return null;
        }
    }
}
