package io.gatehouse.token;

import io.gatehouse.audit.AuditEvent;
import io.gatehouse.audit.AuditSink;
import io.gatehouse.audit.AuditUnavailableException;
import io.gatehouse.identity.VerifierLimits;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The service's signing keys: loaded or generated at startup, rotated on a schedule, exported as the
 * {@code gatehouse_signing_key_expiry_seconds} gauge. Logs name key ids and dates, never key material.
 */
@Startup
@ApplicationScoped
public class TokenKeys {

    private static final Logger LOG = Logger.getLogger(TokenKeys.class);

    private final TokenConfig config;
    private final Clock clock;
    private final Instance<AuditSink> audit;
    private final KeyRing ring;
    private final Path stateDir;

    TokenKeys(TokenConfig config, Clock clock, Instance<AuditSink> audit, MeterRegistry registry) {
        this.config = config;
        this.clock = clock;
        this.audit = audit;
        this.stateDir = stateDir(config);
        this.ring = load();
        Gauge.builder("gatehouse.signing.key.expiry.seconds", this, TokenKeys::secondsUntilSigningEnds)
                .description("seconds until no configured key may sign").register(registry);
    }

    /** The state directory: configured, else {@code ${user.home}/.gatehouse}. */
    static Path stateDir(TokenConfig config) {
        return Path.of(config.stateDir().orElse(System.getProperty("user.home") + "/.gatehouse"));
    }

    public Path stateDir() {
        return stateDir;
    }

    public KeyRing ring() {
        return ring;
    }

    private KeyRing load() {
        RotationPolicy policy = new RotationPolicy(config.keys().signingPeriod(), config.keys().prePublish(),
                config.maxLifetime().plus(VerifierLimits.MAX_SKEW));
        try {
            switch (config.keys().source()) {
                case "managed":
                    return managed(policy);
                case "directory":
                    return mounted(KeyStorage.loadPemDirectory(Path.of(required(config.keys().directory(),
                            "gatehouse.token.keys.directory")), policy), policy);
                case "pkcs12":
                    return mounted(KeyStorage.loadPkcs12(Path.of(required(config.keys().pkcs12Path(),
                            "gatehouse.token.keys.pkcs12-path")),
                            config.keys().pkcs12Password().orElse("").toCharArray(), policy), policy);
                default:
                    throw new IllegalStateException("gatehouse.token.keys.source \"" + config.keys().source()
                            + "\" is not one of managed, directory, pkcs12");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("signing keys could not be loaded: " + e.getMessage(), e);
        }
    }

    private KeyRing managed(RotationPolicy policy) throws IOException {
        List<SigningKey> saved = KeyStorage.loadManaged(stateDir);
        KeyRing managed = new KeyRing(saved, policy, true);
        Optional<SigningKey> added = managed.rotateIfDue(clock.instant());
        if (added.isPresent()) {
            KeyStorage.saveManaged(stateDir, managed.all());
            if (saved.isEmpty()) {
                LOG.infof("no signing key configured: generated ES256 key %s in %s (mount keys or a PKCS#12 store"
                        + " for production)", added.get().kid(), stateDir.toAbsolutePath());
            }
        }
        LOG.infof("token signing: %d managed keys, signing with %s", managed.all().size(), signingKid(managed));
        return managed;
    }

    private KeyRing mounted(List<SigningKey> keys, RotationPolicy policy) {
        KeyRing mounted = new KeyRing(keys, policy, false);
        LOG.infof("token signing: %d mounted keys, signing with %s", keys.size(), signingKid(mounted));
        return mounted;
    }

    private String signingKid(KeyRing keys) {
        try {
            return keys.signing(clock.instant()).kid();
        } catch (KeyUnavailableException e) {
            LOG.warn("no key may sign now: token exchanges are refused\n  hint: mount a key valid now");
            return "none";
        }
    }

    private static String required(Optional<String> value, String property) {
        return value.orElseThrow(() -> new IllegalStateException(property + " is required for this key source"));
    }

    /** Publishes a successor ahead of time and drops keys whose overlap has ended. */
    @Scheduled(every = "${gatehouse.token.keys.rotation-check:60s}", concurrentExecution =
            Scheduled.ConcurrentExecution.SKIP)
    void rotate() {
        Instant now = clock.instant();
        int before = ring.all().size();
        Optional<SigningKey> added = ring.rotateIfDue(now);
        if (added.isEmpty() && ring.all().size() == before) {
            return;
        }
        try {
            if (ring.managed()) {
                KeyStorage.saveManaged(stateDir, ring.all());
            }
        } catch (IOException e) {
            LOG.errorf("managed keys could not be saved to %s: %s", stateDir, e.getMessage());
        }
        added.ifPresent(key -> {
            LOG.infof("published signing key %s; it signs from %s", key.kid(), key.activatesAt());
            recordRotation(key, now);
        });
    }

    private void recordRotation(SigningKey key, Instant now) {
        if (!audit.isResolvable()) {
            return;
        }
        try {
            audit.get().record(new AuditEvent("key.rotated", UUID.randomUUID().toString(), now, null, null,
                    "key.rotate", key.kid(), "published", List.of(), List.of(), null, null, null,
                    UUID.randomUUID().toString(), null, true, Map.of("kid", key.kid(), "algorithm",
                            key.algorithm(), "activates", key.activatesAt().toString(), "retires",
                            key.retiresAt().toString())));
        } catch (AuditUnavailableException e) {
            LOG.warnf("key rotation %s could not be audited: %s", key.kid(), e.getMessage());
        }
    }

    /** Seconds until the last key stops signing; zero when none may sign now. */
    double secondsUntilSigningEnds() {
        Instant now = clock.instant();
        return ring.all().stream().filter(key -> !now.isAfter(key.signsUntil()))
                .map(SigningKey::signsUntil).max(Comparator.naturalOrder())
                .map(end -> (double) Duration.between(now, end).toSeconds()).orElse(0d);
    }
}
