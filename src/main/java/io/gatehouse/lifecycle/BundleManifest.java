package io.gatehouse.lifecycle;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The manifest inside every bundle archive, covered by the bundle's signature with the files it lists.
 *
 * @param format always {@value #FORMAT}
 * @param bundle the bundle's name
 * @param revision the central service's revision the bundle was cut from
 * @param sequence the central service's activation sequence: grows with every activation, including a rollback, so
 *     a sidecar can refuse a replayed older bundle
 * @param created when the revision was activated, RFC 3339
 * @param files every file in the archive besides the manifest, path to SHA-256 (hex) of its bytes, sorted
 */
public record BundleManifest(
        String format, String bundle, String revision, long sequence, String created,
        @JsonProperty("files") Map<String, String> files) {

    public static final String FORMAT = "gatehouse-bundle/1";
    /** The manifest's entry name; it is never unpacked as a policy or data file. */
    public static final String ENTRY = ".gatehouse-manifest.json";

    public BundleManifest {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(bundle, "bundle");
        Objects.requireNonNull(revision, "revision");
        files = files == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(files));
    }
}
