package io.gatehouse.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

class BundleArchiveTest {

    private static final long MAX = 1 << 20;

    private static SortedMap<String, String> files() {
        return new TreeMap<>(Map.of(
                "s2s/operations.pol", "package s2s.operations\ndefault allow := false\n",
                "s2s/grants.json", "{\"services\": {}}",
                "common/util.pol", "package common.util\n"));
    }

    @Test
    void whenTheSameRevisionIsArchivedTwiceThenTheBytesAreIdentical() {
        byte[] first = BundleArchive.write("default", "rev1", 7, "2026-01-05T10:00:00Z", files());
        byte[] second = BundleArchive.write("default", "rev1", 7, "2026-01-05T10:00:00Z", new TreeMap<>(files()));

        assertThat(first).isEqualTo(second);
    }

    @Test
    void whenAnArchiveIsReadThenTheManifestAndEveryFileComeBack() throws BundleException {
        byte[] archive = BundleArchive.write("default", "rev1", 7, "2026-01-05T10:00:00Z", files());

        BundleArchive.Contents contents = BundleArchive.read(archive, MAX);

        assertThat(contents.manifest().revision()).isEqualTo("rev1");
        assertThat(contents.manifest().sequence()).isEqualTo(7);
        assertThat(contents.manifest().bundle()).isEqualTo("default");
        assertThat(contents.files().keySet()).containsExactly("common/util.pol", "s2s/grants.json",
                "s2s/operations.pol");
        assertThat(new String(contents.files().get("s2s/grants.json"), StandardCharsets.UTF_8))
                .isEqualTo("{\"services\": {}}");
    }

    @Test
    void whenTheEntriesAreWrittenThenTheManifestComesFirstAndTheRestSorted() throws IOException {
        byte[] archive = BundleArchive.write("default", "rev1", 7, "2026-01-05T10:00:00Z", files());

        try (ZipInputStream zip = new ZipInputStream(new java.io.ByteArrayInputStream(archive))) {
            assertThat(zip.getNextEntry().getName()).isEqualTo(BundleManifest.ENTRY);
            assertThat(zip.getNextEntry().getName()).isEqualTo("common/util.pol");
        }
    }

    @Test
    void whenAFileIsChangedAfterTheManifestWasWrittenThenTheArchiveIsRefused() throws IOException {
        byte[] archive = rewrite(BundleArchive.write("default", "rev1", 7, "t", files()), "s2s/operations.pol",
                "package s2s.operations\ndefault allow := true\n");

        assertThatThrownBy(() -> BundleArchive.read(archive, MAX)).isInstanceOf(BundleException.class)
                .hasMessageContaining("does not match its digest");
    }

    @Test
    void whenAnEntryEscapesTheBundleDirectoryThenTheArchiveIsRefused() throws IOException {
        byte[] archive = zip(Map.of(BundleManifest.ENTRY, "{}", "../escape.pol", "package x"));

        assertThatThrownBy(() -> BundleArchive.read(archive, MAX)).isInstanceOf(BundleException.class)
                .hasMessageContaining("\"../escape.pol\" is not a plain relative file path");
    }

    @Test
    void whenAnEntryIsNotInTheManifestThenTheArchiveIsRefused() throws IOException {
        byte[] archive = rewrite(BundleArchive.write("default", "rev1", 7, "t", files()), "extra.pol", "package x");

        assertThatThrownBy(() -> BundleArchive.read(archive, MAX)).isInstanceOf(BundleException.class)
                .hasMessageContaining("differ from the manifest");
    }

    @Test
    void whenTheArchiveUnpacksBeyondTheLimitThenItIsRefused() {
        byte[] archive = BundleArchive.write("default", "rev1", 7, "t",
                new TreeMap<>(Map.of("big.json", "[" + "0,".repeat(100_000) + "0]")));

        assertThatThrownBy(() -> BundleArchive.read(archive, 10_000)).isInstanceOf(BundleException.class)
                .hasMessageContaining("maximum size");
    }

    @Test
    void whenThereIsNoManifestThenTheArchiveIsRefused() throws IOException {
        assertThatThrownBy(() -> BundleArchive.read(zip(Map.of("a.pol", "package a")), MAX))
                .isInstanceOf(BundleException.class).hasMessageContaining("no " + BundleManifest.ENTRY);
    }

    @Test
    void whenTheBytesAreNotAZipThenTheArchiveIsRefused() {
        assertThatThrownBy(() -> BundleArchive.read("not a zip".getBytes(StandardCharsets.UTF_8), MAX))
                .isInstanceOf(BundleException.class);
    }

    @Test
    void whenASourcePathCouldEscapeThenTheBundleIsNotBuilt() {
        assertThatThrownBy(() -> BundleArchive.write("default", "r", 1, "t", new TreeMap<>(Map.of("../x.pol", ""))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Copies an archive's entries, replacing or adding one. */
    static byte[] rewrite(byte[] archive, String name, String content) throws IOException {
        Map<String, String> entries = new TreeMap<>();
        try (ZipInputStream zip = new ZipInputStream(new java.io.ByteArrayInputStream(archive))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                entries.put(entry.getName(), new String(zip.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        entries.put(name, content);
        return zip(entries);
    }

    static byte[] zip(Map<String, String> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, String> entry : new TreeMap<>(entries).entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
