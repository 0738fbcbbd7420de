package io.gatehouse.identity;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mints JWTs byte by byte, including the forged and malformed ones a verifier must refuse. Independent of the code
 * under test: it signs with the JDK directly.
 */
public final class TestJwts {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TestJwts() {
    }

    public static KeyPair ecKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyPair rsaKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Map<String, Object> header(String alg, String kid) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", alg);
        if (kid != null) {
            header.put("kid", kid);
        }
        return header;
    }

    public static String encode(Object json) {
        try {
            return encode(JSON.writeValueAsBytes(json));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String unsigned(Map<String, Object> header, Object claims) {
        return encode(header) + "." + encode(claims);
    }

    /** Signs with ES256 (P1363 encoding), RS256 or EdDSA, as the header's alg says. */
    public static String sign(Map<String, Object> header, Object claims, PrivateKey key) {
        String input = unsigned(header, claims);
        String jdk = switch ((String) header.get("alg")) {
            case "ES256" -> "SHA256withECDSAinP1363Format";
            case "RS256" -> "SHA256withRSA";
            default -> throw new IllegalArgumentException("unsupported in tests: " + header.get("alg"));
        };
        try {
            Signature signature = Signature.getInstance(jdk);
            signature.initSign(key);
            signature.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + encode(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** HMAC-SHA256 keyed with arbitrary bytes: the algorithm-confusion forgery uses the public key's encoding. */
    public static String hmac(Map<String, Object> header, Object claims, byte[] secret) {
        String input = unsigned(header, claims);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return input + "." + encode(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
