package io.gatehouse.lifecycle;

import io.gatehouse.decision.RevisionHolder;
import io.gatehouse.engine.PolicyCompileException;
import io.gatehouse.engine.Revision;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * The sidecar's side of bundles: asks the central service for a newer bundle, and activates it only when its
 * signature verifies against the pinned public key, its manifest agrees with its files, it is not older than the
 * running one (unless an operator forces it) and it compiles.
 *
 * <p>Anything else leaves the running revision in place: a central service that is down, a tampered bundle or a
 * replayed old one changes nothing but the failure count and the last error. A sidecar that never activated a
 * bundle has no revision, so every decision is denied and readiness is down.
 *
 * <p>The last activated archive and its signature are kept in the state directory and verified again at the next
 * start, so a restarted sidecar serves its last good bundle even while the central service is unreachable.
 */
public final class BundlePuller {

    private static final Logger LOG = Logger.getLogger(BundlePuller.class);
    static final String SIGNATURE_HEADER = "Gatehouse-Bundle-Signature";
    private static final String SAVED_ARCHIVE = "bundle.zip";
    private static final String SAVED_SIGNATURE = "bundle.jws";

    /** Where a bundle comes from; the real one speaks HTTP, tests may pass another. */
    @FunctionalInterface
    public interface Source {
        Fetched fetch(String ifNoneMatch) throws IOException;
    }

    /**
     * One answer of the central service.
     *
     * @param status the HTTP status
     * @param archive the body, empty unless 200
     * @param signature the signature header, or null
     */
    public record Fetched(int status, byte[] archive, String signature) {
    }

    /**
     * What this sidecar runs and how its last pull went.
     *
     * @param revision the central revision of the active bundle, or null
     * @param sequence the active bundle's sequence, or -1
     * @param lastPull when the central service last answered, or null
     * @param lastFailure the last refused or failed pull since the last success, or null
     */
    public record Status(String revision, long sequence, Instant lastPull, ReloadFailure lastFailure) {
    }

    private final Source source;
    private final PublicKey pinnedKey;
    private final String bundleName;
    private final Path stateDirectory;
    private final boolean allowOlder;
    private final long maxBytes;
    private final RevisionLoader loader;
    private final RevisionHolder revisions;
    private final Clock clock;
    private final Consumer<String> onRefused;

    private String activeRevision;
    private long activeSequence = -1;
    private Instant lastPull;
    private ReloadFailure lastFailure;

    /**
     * @param pinnedKey the central service's bundle public key; null refuses every bundle (fail closed)
     * @param onRefused called with a fixed reason word for every refused or failed pull, for the metric
     */
    public BundlePuller(Source source, PublicKey pinnedKey, String bundleName, Path stateDirectory,
            boolean allowOlder, long maxBytes, RevisionLoader loader, RevisionHolder revisions, Clock clock,
            Consumer<String> onRefused) {
        this.source = Objects.requireNonNull(source, "source");
        this.pinnedKey = pinnedKey;
        this.bundleName = Objects.requireNonNull(bundleName, "bundleName");
        this.stateDirectory = Objects.requireNonNull(stateDirectory, "stateDirectory");
        this.allowOlder = allowOlder;
        this.maxBytes = maxBytes;
        this.loader = Objects.requireNonNull(loader, "loader");
        this.revisions = Objects.requireNonNull(revisions, "revisions");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.onRefused = Objects.requireNonNull(onRefused, "onRefused");
    }

    /** An HTTP source for {@code GET {centralUrl}/v1/bundles/{bundle}} with {@code If-None-Match}. */
    public static Source http(String centralUrl, String bundle, Duration timeout) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        URI uri = URI.create(centralUrl.replaceAll("/+$", "") + "/v1/bundles/" + bundle);
        return ifNoneMatch -> {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET()
                    .header("Accept", "application/zip");
            if (ifNoneMatch != null) {
                request.header("If-None-Match", "\"" + ifNoneMatch + "\"");
            }
            try {
                HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                return new Fetched(response.statusCode(), response.body(),
                        response.headers().firstValue(SIGNATURE_HEADER).orElse(null));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while fetching the bundle", interrupted);
            }
        };
    }

    /** Verifies and activates the bundle saved by the last run, if there is one. */
    public synchronized Optional<ReloadResult> restoreSaved() {
        Path archive = stateDirectory.resolve(SAVED_ARCHIVE);
        Path signature = stateDirectory.resolve(SAVED_SIGNATURE);
        if (!Files.isRegularFile(archive) || !Files.isRegularFile(signature)) {
            return Optional.empty();
        }
        try {
            return Optional.of(activate(Files.readAllBytes(archive), Files.readString(signature), "restore", false));
        } catch (IOException unreadable) {
            return Optional.of(refuse("restore", "malformed", "cannot read the saved bundle: " + unreadable));
        }
    }

    /** Asks the central service once and activates what it answers when it is acceptable. */
    public synchronized ReloadResult pull(String trigger) {
        Fetched fetched;
        try {
            fetched = source.fetch(activeRevision);
        } catch (IOException unreachable) {
            return refuse(trigger, "unreachable", "central service unreachable: " + unreachable.getMessage());
        }
        lastPull = clock.instant();
        if (fetched.status() == 304) {
            return new ReloadResult(ReloadResult.Status.UNCHANGED, currentId(), null, null);
        }
        if (fetched.status() != 200) {
            return refuse(trigger, "bad_status", "central service answered " + fetched.status());
        }
        return activate(fetched.archive(), fetched.signature(), trigger, true);
    }

    public synchronized Status status() {
        return new Status(activeRevision, activeSequence, lastPull, lastFailure);
    }

    private ReloadResult activate(byte[] archive, String signature, String trigger, boolean save) {
        if (pinnedKey == null) {
            return refuse(trigger, "bad_signature", "no pinned bundle public key is configured"
                    + "\n  hint: set gatehouse.lifecycle.sidecar.public-key-file");
        }
        if (archive.length > maxBytes) {
            return refuse(trigger, "malformed", "bundle of " + archive.length + " bytes exceeds " + maxBytes);
        }
        try {
            BundleSigner.verify(archive, signature, pinnedKey);
        } catch (BundleException forged) {
            return refuse(trigger, "bad_signature", forged.getMessage());
        }
        BundleArchive.Contents contents;
        try {
            contents = BundleArchive.read(archive, maxBytes);
        } catch (BundleException malformed) {
            return refuse(trigger, "malformed", malformed.getMessage());
        }
        return activate(contents, archive, signature, trigger, save);
    }

    private ReloadResult activate(BundleArchive.Contents contents, byte[] archive, String signature, String trigger,
            boolean save) {
        BundleManifest manifest = contents.manifest();
        if (!bundleName.equals(manifest.bundle())) {
            return refuse(trigger, "malformed", "bundle is \"" + manifest.bundle() + "\", expected \"" + bundleName
                    + "\"");
        }
        if (manifest.sequence() == activeSequence && manifest.revision().equals(activeRevision)) {
            return new ReloadResult(ReloadResult.Status.UNCHANGED, currentId(), null, null);
        }
        if (manifest.sequence() <= activeSequence && !allowOlder) {
            return refuse(trigger, "older", "bundle sequence " + manifest.sequence() + " (revision "
                    + manifest.revision() + ") is not newer than the running " + activeSequence
                    + "\n  hint: set gatehouse.lifecycle.sidecar.allow-older=true to force a downgrade");
        }
        Revision revision;
        try {
            revision = loader.load(unpack(manifest, contents.files()));
        } catch (PolicyCompileException failed) {
            return refuse(trigger, "compile", String.join("\n", PolicyReloader.errorsOf(failed)));
        } catch (IOException | RuntimeException failed) {
            return refuse(trigger, "compile", "cannot unpack or compile the bundle: " + failed.getMessage());
        }
        return activated(manifest, revision, archive, signature, trigger, save);
    }

    private ReloadResult activated(BundleManifest manifest, Revision revision, byte[] archive, String signature,
            String trigger, boolean save) {
        String previous = currentId();
        revisions.activate(revision, manifest.sequence());
        activeRevision = manifest.revision();
        activeSequence = manifest.sequence();
        lastFailure = null;
        if (save) {
            saveQuietly(archive, signature);
        }
        removeOtherUnpacked(unpackDirectory(manifest));
        LOG.infof("bundle \"%s\" activated (%s): central revision %s, sequence %d, local revision %s", bundleName,
                trigger, PolicyReloader.shortId(manifest.revision()), manifest.sequence(),
                PolicyReloader.shortId(revision.id()));
        return new ReloadResult(ReloadResult.Status.ACTIVATED, revision.id(), previous, null);
    }

    private Path unpack(BundleManifest manifest, Map<String, byte[]> files) throws IOException {
        Path target = unpackDirectory(manifest);
        deleteTree(target);
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Path path = target.resolve(file.getKey()).normalize();
            if (!path.startsWith(target)) {
                throw new IOException("bundle path \"" + file.getKey() + "\" escapes the bundle directory");
            }
            Files.createDirectories(path.getParent());
            Files.write(path, file.getValue());
        }
        Files.createDirectories(target);
        return target;
    }

    private Path unpackDirectory(BundleManifest manifest) {
        return stateDirectory.resolve("bundles").resolve(manifest.sequence() + "-"
                + PolicyReloader.shortId(manifest.revision()).replaceAll("[^A-Za-z0-9]", "_"));
    }

    private void saveQuietly(byte[] archive, String signature) {
        try {
            Files.createDirectories(stateDirectory);
            replace(stateDirectory.resolve(SAVED_ARCHIVE), archive);
            replace(stateDirectory.resolve(SAVED_SIGNATURE), signature.getBytes(StandardCharsets.US_ASCII));
        } catch (IOException failed) {
            LOG.warnf("cannot save the active bundle in %s: %s; a restart will wait for the central service",
                    stateDirectory, failed);
        }
    }

    private static void replace(Path file, byte[] content) throws IOException {
        Path temporary = Files.createTempFile(file.getParent(), ".bundle-", ".tmp");
        Files.write(temporary, content);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private void removeOtherUnpacked(Path keep) {
        Path bundles = stateDirectory.resolve("bundles");
        try (Stream<Path> children = Files.list(bundles)) {
            for (Path child : children.filter(child -> !child.equals(keep)).toList()) {
                deleteTree(child);
            }
        } catch (IOException failed) {
            LOG.debugf("cannot clean %s: %s", bundles, failed);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(root)) {
            for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private ReloadResult refuse(String trigger, String reason, String message) {
        lastFailure = new ReloadFailure(clock.instant(), trigger, null, List.of(message));
        onRefused.accept(reason);
        String current = currentId();
        if ("unreachable".equals(reason)) {
            LOG.warnf("bundle pull (%s) failed: %s; revision %s keeps serving", trigger, message,
                    PolicyReloader.shortId(current));
        } else {
            LOG.errorf("bundle refused (%s, %s): %s; revision %s keeps serving", trigger, reason, message,
                    PolicyReloader.shortId(current));
        }
        return new ReloadResult(ReloadResult.Status.REFUSED, current, null, lastFailure);
    }

    private String currentId() {
        return revisions.current().map(Revision::id).orElse(null);
    }
}
