package io.gatehouse.lifecycle;

import io.gatehouse.decision.RevisionHolder;
import io.gatehouse.decision.RevisionHolder.Activation;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Cuts signed bundles from the current activation. A bundle is built once per bundle name and activation and then
 * served from memory; a new activation (reload or rollback) makes the next request build a new one.
 */
@ApplicationScoped
public class BundleService {

    /** The bundle every node knows: the whole revision. */
    public static final String DEFAULT_BUNDLE = "default";

    private static final Logger LOG = Logger.getLogger(BundleService.class);

    /**
     * A signed bundle.
     *
     * @param name the bundle's name
     * @param revision the revision it was cut from, also its ETag
     * @param sequence the activation sequence signed into its manifest
     * @param archive the deterministic zip
     * @param signature the detached compact JWS over the archive's SHA-256
     */
    public record Bundle(String name, String revision, long sequence, byte[] archive, String signature) {
    }

    private final LifecycleConfig config;
    private final RevisionHolder revisions;
    private final Map<String, Bundle> built = new ConcurrentHashMap<>();
    private volatile BundleSigner signer;

    BundleService(LifecycleConfig config, RevisionHolder revisions) {
        this.config = config;
        this.revisions = revisions;
    }

    /** Every bundle name this node serves, sorted. */
    public List<String> names() {
        TreeSet<String> names = new TreeSet<>(config.bundles().keySet());
        names.add(DEFAULT_BUNDLE);
        return List.copyOf(names);
    }

    public boolean exists(String name) {
        return DEFAULT_BUNDLE.equals(name) || config.bundles().containsKey(name);
    }

    /** The bundle {@code name} of the current activation, or empty when no revision is loaded. */
    public Optional<Bundle> bundle(String name) {
        if (!exists(name)) {
            throw new IllegalArgumentException("no bundle named \"" + name + "\"");
        }
        return revisions.currentActivation().map(activation -> built.compute(name,
                (key, cached) -> isFor(cached, activation) ? cached : build(name, activation)));
    }

    /** The signer, whose key is loaded from the state directory or generated there on first use. */
    public BundleSigner signer() {
        BundleSigner current = signer;
        if (current == null) {
            synchronized (this) {
                if (signer == null) {
                    signer = new BundleSigner(loadKeys());
                }
                current = signer;
            }
        }
        return current;
    }

    private KeyPair loadKeys() {
        Path state = Path.of(config.stateDir());
        try {
            KeyPair keys = BundleKeys.loadOrCreate(state);
            LOG.infof("bundle signing key %s (public key %s)", BundleKeys.keyId(keys.getPublic()),
                    state.resolve(BundleKeys.PUBLIC_FILE).toAbsolutePath());
            return keys;
        } catch (IOException failed) {
            throw new UncheckedIOException("cannot load or create the bundle signing key in " + state.toAbsolutePath()
                    + "\n  hint: gatehouse.lifecycle.state-dir must be a writable directory", failed);
        }
    }

    private static boolean isFor(Bundle cached, Activation activation) {
        return cached != null && cached.revision().equals(activation.revision().id())
                && cached.sequence() == activation.sequence();
    }

    private Bundle build(String name, Activation activation) {
        SortedMap<String, String> files = selectFiles(name, activation.revision().sources());
        String created = DateTimeFormatter.ISO_INSTANT.format(activation.activatedAt());
        byte[] archive = BundleArchive.write(name, activation.revision().id(), activation.sequence(), created, files);
        return new Bundle(name, activation.revision().id(), activation.sequence(), archive, signer().sign(archive));
    }

    private SortedMap<String, String> selectFiles(String name, Map<String, String> sources) {
        List<String> prefixes = DEFAULT_BUNDLE.equals(name) && !config.bundles().containsKey(name)
                ? List.of("") : config.bundles().get(name);
        SortedMap<String, String> selected = new TreeMap<>();
        sources.forEach((path, content) -> {
            if (prefixes.stream().anyMatch(path::startsWith)) {
                selected.put(path, content);
            }
        });
        return selected;
    }
}
