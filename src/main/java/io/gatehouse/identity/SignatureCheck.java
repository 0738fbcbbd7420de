package io.gatehouse.identity;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Arrays;
import java.util.Set;

/**
 * Verifies a JWS signature with the JDK's providers for one pinned algorithm. The algorithm comes from the
 * issuer's configuration; the key type must fit it, so an RSA or EC public key can never be used as an HMAC secret.
 */
final class SignatureCheck {

    static final Set<String> SUPPORTED = Set.of("ES256", "ES384", "RS256", "RS384", "RS512", "PS256", "EdDSA");

    private SignatureCheck() {
    }

    static void verify(String algorithm, PublicKey key, byte[] signingInput, byte[] signature)
            throws CredentialRejectedException {
        try {
            if (!verifies(algorithm, key, signingInput, signature)) {
                throw rejected("the signature does not verify");
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw rejected("the signature cannot be checked with key type " + key.getAlgorithm());
        }
    }

    private static boolean verifies(String algorithm, PublicKey key, byte[] input, byte[] signature)
            throws GeneralSecurityException, CredentialRejectedException {
        switch (algorithm) {
            case "ES256":
                return ecdsa("SHA256withECDSAinP1363Format", 32, key, input, signature);
            case "ES384":
                return ecdsa("SHA384withECDSAinP1363Format", 48, key, input, signature);
            case "RS256":
            case "RS384":
            case "RS512":
                requireType(key instanceof RSAPublicKey, algorithm, key);
                return run(Signature.getInstance("SHA" + algorithm.substring(2) + "withRSA"), key, input, signature);
            case "PS256":
                requireType(key instanceof RSAPublicKey, algorithm, key);
                Signature pss = Signature.getInstance("RSASSA-PSS");
                pss.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
                return run(pss, key, input, signature);
            case "EdDSA":
                requireType(key instanceof EdECPublicKey, algorithm, key);
                return run(Signature.getInstance("EdDSA"), key, input, signature);
            default:
                throw new CredentialRejectedException(RejectionReason.ALGORITHM_NOT_ALLOWED,
                        "algorithm \"" + algorithm + "\" is not supported");
        }
    }

    /**
     * ECDSA with the raw r||s encoding of JWS. r and s must lie in [1, n-1]: some verifiers once accepted r = s = 0
     * for any message and key, so the degenerate values are refused here before the provider sees them.
     */
    private static boolean ecdsa(String jdkName, int half, PublicKey key, byte[] input, byte[] signature)
            throws GeneralSecurityException, CredentialRejectedException {
        requireType(key instanceof ECPublicKey, jdkName, key);
        if (signature.length != 2 * half) {
            throw rejected("an ECDSA signature must be " + 2 * half + " bytes, got " + signature.length);
        }
        BigInteger order = ((ECPublicKey) key).getParams().getOrder();
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(signature, 0, half));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, half, 2 * half));
        if (r.signum() == 0 || s.signum() == 0 || r.compareTo(order) >= 0 || s.compareTo(order) >= 0) {
            throw rejected("degenerate ECDSA signature: r and s must lie between 1 and the curve order");
        }
        return run(Signature.getInstance(jdkName), key, input, signature);
    }

    private static boolean run(Signature verifier, PublicKey key, byte[] input, byte[] signature)
            throws GeneralSecurityException {
        verifier.initVerify(key);
        verifier.update(input);
        return verifier.verify(signature);
    }

    private static void requireType(boolean fits, String algorithm, PublicKey key) throws CredentialRejectedException {
        if (!fits) {
            throw rejected("a " + key.getAlgorithm() + " key cannot verify " + algorithm);
        }
    }

    private static CredentialRejectedException rejected(String message) {
        return new CredentialRejectedException(RejectionReason.BAD_SIGNATURE, message);
    }
}
