package io.gatehouse.lifecycle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The bundle signing key: an EC P-256 key pair kept as PEM files in the state directory, generated on first start.
 * The private key file is readable by the owner only; the public key file is what sidecars pin.
 */
public final class BundleKeys {

    static final String PRIVATE_FILE = "bundle-signing-key.pem";
    static final String PUBLIC_FILE = "bundle-signing-key.pub.pem";

    private BundleKeys() {
    }

    /** Loads the key pair from {@code stateDirectory}, generating and saving one when there is none. */
    public static KeyPair loadOrCreate(Path stateDirectory) throws IOException {
        Path privateFile = stateDirectory.resolve(PRIVATE_FILE);
        Path publicFile = stateDirectory.resolve(PUBLIC_FILE);
        if (Files.exists(privateFile) && Files.exists(publicFile)) {
            return new KeyPair(readPublicKey(publicFile), readPrivateKey(privateFile));
        }
        KeyPair keys = generate();
        Files.createDirectories(stateDirectory);
        writeOwnerOnly(privateFile, pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
        Files.writeString(publicFile, publicPem(keys.getPublic()));
        return keys;
    }

    public static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("every JDK provides EC P-256", impossible);
        }
    }

    /** Reads a public key from a PEM file ({@code -----BEGIN PUBLIC KEY-----}, SubjectPublicKeyInfo). */
    public static PublicKey readPublicKey(Path pemFile) throws IOException {
        try {
            return KeyFactory.getInstance("EC")
                    .generatePublic(new X509EncodedKeySpec(decodePem(Files.readString(pemFile), "PUBLIC KEY")));
        } catch (GeneralSecurityException | IllegalArgumentException malformed) {
            throw new IOException(pemFile + " does not hold an EC public key in PEM: " + malformed.getMessage());
        }
    }

    public static String publicPem(PublicKey key) {
        return pem("PUBLIC KEY", key.getEncoded());
    }

    /** The key id: the first 16 characters of the base64url SHA-256 of the encoded public key. */
    public static String keyId(PublicKey key) {
        byte[] digest = DirectoryFingerprint.sha256().digest(key.getEncoded());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 16);
    }

    private static PrivateKey readPrivateKey(Path pemFile) throws IOException {
        try {
            return KeyFactory.getInstance("EC")
                    .generatePrivate(new PKCS8EncodedKeySpec(decodePem(Files.readString(pemFile), "PRIVATE KEY")));
        } catch (GeneralSecurityException | IllegalArgumentException malformed) {
            // the message never carries the key's bytes
            throw new IOException(pemFile + " does not hold a PKCS#8 EC private key in PEM");
        }
    }

    private static byte[] decodePem(String pem, String label) {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int start = pem.indexOf(begin);
        int stop = pem.indexOf(end);
        if (start < 0 || stop < start) {
            throw new IllegalArgumentException("no " + label + " block");
        }
        return Base64.getMimeDecoder().decode(pem.substring(start + begin.length(), stop));
    }

    private static String pem(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }

    /** Written to a temporary file first, so a crash never leaves a half-written key that a restart would trust. */
    private static void writeOwnerOnly(Path file, String content) throws IOException {
        Path temporary = Files.createTempFile(file.getParent(), ".key-", ".tmp");
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
        }
        Files.writeString(temporary, content);
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
    }
}
