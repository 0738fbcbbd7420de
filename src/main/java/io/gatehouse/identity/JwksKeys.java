package io.gatehouse.identity;

import java.security.PublicKey;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

/**
 * Verification keys read once from a JWKS document. Entries without a {@code kid}, with a key type we cannot use,
 * or with a {@code use} that is not for signing this kind of token are skipped (a SPIFFE bundle mixes
 * {@code x509-svid} and {@code jwt-svid} entries).
 */
public final class JwksKeys implements TrustedIssuer.KeyResolver {

    private final Map<String, PublicKey> keys;

    private JwksKeys(Map<String, PublicKey> keys) {
        this.keys = Map.copyOf(keys);
    }

    /** @param use the accepted {@code use}: {@code jwt-svid} for SPIFFE bundles, {@code sig} otherwise */
    public static JwksKeys parse(String json, String use) {
        try {
            Map<String, PublicKey> keys = new HashMap<>();
            for (JsonWebKey key : new JsonWebKeySet(json).getJsonWebKeys()) {
                boolean usable = key.getKeyId() != null && key instanceof PublicJsonWebKey
                        && (use.equals(key.getUse()) || "sig".equals(use) && key.getUse() == null);
                if (usable) {
                    keys.put(key.getKeyId(), ((PublicJsonWebKey) key).getPublicKey());
                }
            }
            return new JwksKeys(keys);
        } catch (JoseException e) {
            throw new IllegalArgumentException("not a JWKS document: " + e.getMessage(), e);
        }
    }

    public int size() {
        return keys.size();
    }

    @Override
    public Optional<PublicKey> find(String kid) {
        return Optional.ofNullable(keys.get(kid));
    }
}
