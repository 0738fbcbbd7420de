package io.gatehouse.testing;

import java.time.Instant;
import java.util.UUID;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.lang.JoseException;

/** A caller's proof key and a builder of proof JWTs signed with it, for tests. */
public final class Proofs {

    private final PublicJsonWebKey key;
    private final String algorithm;

    private Proofs(PublicJsonWebKey key, String algorithm) {
        this.key = key;
        this.algorithm = algorithm;
    }

    public static Proofs es256() {
        try {
            return new Proofs(EcJwkGenerator.generateJwk(EllipticCurves.P256), "ES256");
        } catch (JoseException failed) {
            throw new IllegalStateException(failed);
        }
    }

    /** A fixed key from a JWK with its private part, for callers whose thumbprint is configured ahead. */
    public static Proofs fromJwk(String json) {
        try {
            PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(json);
            return new Proofs(jwk, "ES256");
        } catch (JoseException failed) {
            throw new IllegalStateException(failed);
        }
    }

    public static Proofs ed25519() {
        try {
            var pair = java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(pair.getPublic());
            jwk.setPrivateKey(pair.getPrivate());
            return new Proofs(jwk, "EdDSA");
        } catch (JoseException | java.security.GeneralSecurityException failed) {
            throw new IllegalStateException(failed);
        }
    }

    public String thumbprint() {
        try {
            return key.calculateBase64urlEncodedThumbprint("SHA-256");
        } catch (RuntimeException failed) {
            throw new IllegalStateException(failed);
        }
    }

    public Builder proof(String method, String uri, Instant issuedAt) {
        return new Builder(method, uri, issuedAt);
    }

    public static String freshNonce() {
        return UUID.randomUUID().toString() + UUID.randomUUID();
    }

    /** A proof under construction; every part can be spoiled for negative tests. */
    public final class Builder {

        private final JwtClaims claims = new JwtClaims();
        private String type = "gatehouse-proof+jwt";
        private String headerAlgorithm = algorithm;
        private boolean embedKey = true;
        private boolean embedPrivate;

        private Builder(String method, String uri, Instant issuedAt) {
            claims.setClaim("jti", freshNonce());
            claims.setClaim("htm", method);
            claims.setClaim("htu", uri);
            claims.setClaim("iat", issuedAt.getEpochSecond());
        }

        public Builder nonce(String nonce) {
            claims.setClaim("jti", nonce);
            return this;
        }

        public Builder claim(String name, Object value) {
            claims.setClaim(name, value);
            return this;
        }

        public Builder without(String claim) {
            claims.unsetClaim(claim);
            return this;
        }

        public Builder type(String value) {
            this.type = value;
            return this;
        }

        public Builder headerAlgorithm(String value) {
            this.headerAlgorithm = value;
            return this;
        }

        public Builder withoutKey() {
            this.embedKey = false;
            return this;
        }

        public Builder withPrivateKey() {
            this.embedPrivate = true;
            return this;
        }

        public String sign() {
            try {
                JsonWebSignature jws = new JsonWebSignature();
                jws.setPayload(claims.toJson());
                jws.setAlgorithmHeaderValue(headerAlgorithm);
                jws.setHeader("typ", type);
                if (embedKey) {
                    jws.getHeaders().setObjectHeaderValue("jwk", key.toParams(embedPrivate
                            ? JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE
                            : JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
                }
                jws.setKey(key.getPrivateKey());
                jws.setDoKeyValidation(false);
                return jws.getCompactSerialization();
            } catch (JoseException failed) {
                throw new IllegalStateException(failed);
            }
        }
    }
}
