package io.gatehouse.lifecycle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The bundle archive: a zip of the manifest and the revision's files, byte-for-byte deterministic (entries sorted,
 * the manifest first, every timestamp fixed, no host time zone involved), so the same revision and sequence always
 * give the same archive and the same digest on every node.
 *
 * <p>Reading is strict: every entry must be listed in the manifest with its digest, names must be plain relative
 * paths, and the unpacked size is capped, so a hostile archive can neither escape the target directory nor fill
 * the disk.
 */
public final class BundleArchive {

    private static final LocalDateTime FIXED_TIME = LocalDateTime.of(1980, 1, 1, 0, 0);
    /** A path segment that does not start with a dot (so never {@code ..}) and holds no separator or control. */
    private static final String SEGMENT = "[^/\\\\\\x00-\\x1f.:][^/\\\\\\x00-\\x1f:]*";
    private static final Pattern SAFE_NAME = Pattern.compile(SEGMENT + "(/" + SEGMENT + ")*");
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * What a bundle holds once read and checked.
     *
     * @param manifest the manifest
     * @param files path to bytes, every one listed in the manifest with a matching digest
     */
    public record Contents(BundleManifest manifest, SortedMap<String, byte[]> files) {
    }

    private BundleArchive() {
    }

    /** Builds the archive of {@code files} (path to text) under a manifest naming them with their digests. */
    public static byte[] write(String bundle, String revision, long sequence, String created,
            SortedMap<String, String> files) {
        Map<String, byte[]> bytes = new LinkedHashMap<>();
        Map<String, String> digests = new TreeMap<>();
        files.forEach((path, text) -> {
            requireSafe(path);
            byte[] content = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            bytes.put(path, content);
            digests.put(path, sha256Hex(content));
        });
        BundleManifest manifest = new BundleManifest(BundleManifest.FORMAT, bundle, revision, sequence, created,
                digests);
        ByteArrayOutputStream archive = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(archive)) {
            put(zip, BundleManifest.ENTRY, JSON.writeValueAsBytes(manifest));
            for (Map.Entry<String, byte[]> file : bytes.entrySet()) {
                put(zip, file.getKey(), file.getValue());
            }
        } catch (IOException impossible) {
            throw new UncheckedIOException("writing to memory failed", impossible);
        }
        return archive.toByteArray();
    }

    /**
     * Reads and checks an archive.
     *
     * @throws BundleException when the archive is malformed, over {@code maxBytes} unpacked, or disagrees with its
     *     manifest
     */
    public static Contents read(byte[] archive, long maxBytes) throws BundleException {
        SortedMap<String, byte[]> entries = new TreeMap<>();
        long total = 0;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(archive))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                String name = entry.getName();
                if (entry.isDirectory() || (!name.equals(BundleManifest.ENTRY) && !SAFE_NAME.matcher(name).matches())) {
                    throw new BundleException("archive entry \"" + name + "\" is not a plain relative file path");
                }
                byte[] content = readCapped(zip, maxBytes - total);
                total += content.length;
                if (entries.put(name, content) != null) {
                    throw new BundleException("archive entry \"" + name + "\" appears twice");
                }
            }
        } catch (IOException malformed) {
            throw new BundleException("archive is not a readable zip: " + malformed.getMessage());
        }
        BundleManifest manifest = manifestOf(entries.remove(BundleManifest.ENTRY));
        checkAgainstManifest(manifest, entries);
        return new Contents(manifest, entries);
    }

    private static BundleManifest manifestOf(byte[] manifestBytes) throws BundleException {
        if (manifestBytes == null) {
            throw new BundleException("archive has no " + BundleManifest.ENTRY);
        }
        try {
            BundleManifest manifest = JSON.readValue(manifestBytes, BundleManifest.class);
            if (!BundleManifest.FORMAT.equals(manifest.format())) {
                throw new BundleException("manifest format \"" + manifest.format() + "\" is not "
                        + BundleManifest.FORMAT);
            }
            return manifest;
        } catch (JsonProcessingException | IllegalArgumentException | NullPointerException malformed) {
            throw new BundleException("manifest is malformed: " + malformed.getMessage());
        } catch (IOException unreadable) {
            throw new BundleException("manifest is unreadable: " + unreadable.getMessage());
        }
    }

    private static void checkAgainstManifest(BundleManifest manifest, Map<String, byte[]> entries)
            throws BundleException {
        if (!manifest.files().keySet().equals(entries.keySet())) {
            throw new BundleException("archive entries " + entries.keySet() + " differ from the manifest's "
                    + manifest.files().keySet());
        }
        for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
            if (!sha256Hex(entry.getValue()).equals(manifest.files().get(entry.getKey()))) {
                throw new BundleException("archive entry \"" + entry.getKey() + "\" does not match its digest");
            }
        }
    }

    private static byte[] readCapped(InputStream in, long remaining) throws IOException, BundleException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
            out.write(buffer, 0, read);
            if (out.size() > remaining) {
                throw new BundleException("bundle unpacks to more than the configured maximum size");
            }
        }
        return out.toByteArray();
    }

    private static void put(ZipOutputStream zip, String name, byte[] content) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setTimeLocal(FIXED_TIME);
        zip.putNextEntry(entry);
        zip.write(content);
        zip.closeEntry();
    }

    private static void requireSafe(String path) {
        if (!SAFE_NAME.matcher(path).matches()) {
            throw new IllegalArgumentException("source path \"" + path + "\" cannot go into a bundle");
        }
    }

    static String sha256Hex(byte[] content) {
        return HexFormat.of().formatHex(DirectoryFingerprint.sha256().digest(content));
    }
}
