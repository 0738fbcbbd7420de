package io.gatehouse.token;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

/**
 * The signing keys, current and overlapping. Readers see an immutable snapshot; changes swap the whole list.
 *
 * <p>Managed keys rotate here: once the current key is within {@code prePublish} of the end of its signing period, a
 * successor is generated and published at once, and it starts signing exactly when its predecessor stops. The
 * predecessor stays published for the overlap window. Mounted keys (a directory or PKCS#12 store) are not rotated
 * here: operators mount new ones.
 */
public final class KeyRing {

    private final RotationPolicy policy;
    private final boolean managed;
    private volatile List<SigningKey> keys;

    public KeyRing(List<SigningKey> keys, RotationPolicy policy, boolean managed) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.managed = managed;
        this.keys = List.copyOf(keys);
    }

    public RotationPolicy policy() {
        return policy;
    }

    public boolean managed() {
        return managed;
    }

    public List<SigningKey> all() {
        return keys;
    }

    /** The key that signs at {@code now}: the most recently activated one inside its signing period. */
    public SigningKey signing(Instant now) throws KeyUnavailableException {
        return keys.stream()
                .filter(key -> key.signsAt(now))
                .max(Comparator.comparing(SigningKey::activatesAt))
                .orElseThrow(() -> new KeyUnavailableException("no signing key is valid at " + now
                        + "\nhint: mount a key whose validity covers now, or let Gatehouse manage keys"));
    }

    /** The keys in the JWKS at {@code now}, oldest first. */
    public List<SigningKey> published(Instant now) {
        return keys.stream().filter(key -> key.publishedAt(now)).toList();
    }

    /** A published key by {@code kid}, for verifying Gatehouse's own tokens. */
    public Optional<PublicKey> verificationKey(String kid, Instant now) {
        return keys.stream().filter(key -> key.kid().equals(kid) && key.publishedAt(now))
                .map(SigningKey::publicKey).findFirst();
    }

    /**
     * Drops retired keys and, for managed keys, publishes a successor when one is due.
     *
     * @return the new key, when one was generated
     */
    public synchronized Optional<SigningKey> rotateIfDue(Instant now) {
        List<SigningKey> live = new ArrayList<>(keys.stream().filter(key -> now.isBefore(key.retiresAt())).toList());
        Optional<SigningKey> added = Optional.empty();
        if (managed) {
            Instant lastEnd = live.stream().map(SigningKey::signsUntil).max(Comparator.naturalOrder()).orElse(null);
            if (lastEnd == null || !now.isBefore(lastEnd.minus(policy.prePublish()))) {
                Instant activates = lastEnd == null || lastEnd.isBefore(now) ? now : lastEnd;
                SigningKey next = generate(now, activates, policy);
                live.add(next);
                added = Optional.of(next);
            }
        }
        keys = List.copyOf(live);
        return added;
    }

    /** A fresh ES256 key published at {@code now} that signs from {@code activates} for one signing period. */
    static SigningKey generate(Instant now, Instant activates, RotationPolicy policy) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            Instant signsUntil = activates.plus(policy.signingPeriod());
            return new SigningKey(thumbprint(pair.getPublic()), "ES256", pair.getPrivate(), pair.getPublic(),
                    now, activates, signsUntil, signsUntil.plus(policy.overlap()));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot generate a P-256 key", e);
        }
    }

    /** The RFC 7638 thumbprint of a public key, used as its {@code kid}. */
    static String thumbprint(PublicKey key) {
        try {
            return PublicJsonWebKey.Factory.newPublicJwk(key).calculateBase64urlEncodedThumbprint("SHA-256");
        } catch (JoseException e) {
            throw new IllegalArgumentException("unsupported key type " + key.getAlgorithm(), e);
        }
    }
}
