package io.gatehouse.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class JwksKeysTest {

    static final KeyPair KEY = TestJwts.ecKey();

    static String jwk(String kid, String use) {
        ECPublicKey key = (ECPublicKey) KEY.getPublic();
        String x = coordinate(key.getW().getAffineX().toByteArray());
        String y = coordinate(key.getW().getAffineY().toByteArray());
        return "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"" + x + "\",\"y\":\"" + y + "\""
                + (kid == null ? "" : ",\"kid\":\"" + kid + "\"") + (use == null ? "" : ",\"use\":\"" + use + "\"")
                + "}";
    }

    static String coordinate(byte[] bytes) {
        byte[] fixed = new byte[32];
        int copy = Math.min(32, bytes.length);
        System.arraycopy(bytes, bytes.length - copy, fixed, 32 - copy, copy);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(fixed);
    }

    @Test
    void aSpiffeBundleYieldsOnlyItsJwtSvidKeysWithAKid() {
        String bundle = "{\"keys\":[" + jwk("jwt-1", "jwt-svid") + "," + jwk("x509-1", "x509-svid") + ","
                + jwk(null, "jwt-svid") + "," + jwk("nouse", null) + "]}";

        JwksKeys keys = JwksKeys.parse(bundle, "jwt-svid");

        assertThat(keys.size()).isEqualTo(1);
        assertThat(keys.find("jwt-1")).contains(KEY.getPublic());
        assertThat(keys.find("x509-1")).isEmpty();
    }

    @Test
    void anIssuerJwksAcceptsSignatureKeysAndKeysWithoutUse() {
        String jwks = "{\"keys\":[" + jwk("sig-1", "sig") + "," + jwk("plain", null) + "," + jwk("enc-1", "enc")
                + "]}";

        JwksKeys keys = JwksKeys.parse(jwks, "sig");

        assertThat(keys.find("sig-1")).isPresent();
        assertThat(keys.find("plain")).isPresent();
        assertThat(keys.find("enc-1")).isEmpty();
    }
}
