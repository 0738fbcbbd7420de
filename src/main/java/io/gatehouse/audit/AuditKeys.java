package io.gatehouse.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The audit signing key: an Ed25519 key pair kept apart from the token keys, generated on first start.
 *
 * <p>The private key is written as PKCS#8 PEM readable by the owner only; the public key beside it as
 * {@code <name>.pub.pem} (for {@code <name>.pem}) (SubjectPublicKeyInfo PEM), which is what {@code verify-audit --public-key} reads.
 */
public final class AuditKeys {

    private static final String ALGORITHM = "Ed25519";

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String keyId;

    private AuditKeys(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = Objects.requireNonNull(publicKey, "publicKey");
        this.keyId = keyId(publicKey);
    }

    /** Loads the key at {@code privateKeyFile}, or generates and stores a new one when the file does not exist. */
    public static AuditKeys loadOrGenerate(Path privateKeyFile) throws IOException {
        Objects.requireNonNull(privateKeyFile, "privateKeyFile");
        if (Files.exists(privateKeyFile)) {
            return load(privateKeyFile);
        }
        try {
            KeyPair pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
            store(privateKeyFile, pair);
            return new AuditKeys(pair.getPrivate(), pair.getPublic());
        } catch (FileAlreadyExistsException raced) {
            return load(privateKeyFile);
        } catch (GeneralSecurityException unsupported) {
            throw new IOException("the JDK cannot generate " + ALGORITHM + " keys", unsupported);
        }
    }

    private static AuditKeys load(Path privateKeyFile) throws IOException {
        try {
            KeyFactory factory = KeyFactory.getInstance(ALGORITHM);
            PrivateKey privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(
                    pemBody(Files.readString(privateKeyFile), "PRIVATE KEY")));
            PublicKey publicKey = readPublicKey(publicKeyFile(privateKeyFile));
            return new AuditKeys(privateKey, publicKey);
        } catch (GeneralSecurityException | IllegalArgumentException malformed) {
            throw new IOException("audit key '" + privateKeyFile + "' is not an " + ALGORITHM + " PKCS#8 PEM key"
                    + " with its public key beside it", malformed);
        }
    }

    private static void store(Path privateKeyFile, KeyPair pair) throws IOException {
        Path parent = privateKeyFile.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temporary = Files.createTempFile(parent, ".audit-key", ".tmp");
        try {
            Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // the file system has no POSIX permissions; the directory's protection has to do
        }
        Files.writeString(temporary, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        Files.writeString(publicKeyFile(privateKeyFile), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        Files.move(temporary, privateKeyFile, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Where the public key of a private key file lives. */
    public static Path publicKeyFile(Path privateKeyFile) {
        String name = privateKeyFile.getFileName().toString();
        String base = name.endsWith(".pem") ? name.substring(0, name.length() - 4) : name;
        return privateKeyFile.resolveSibling(base + ".pub.pem");
    }

    /** Reads an Ed25519 public key from SubjectPublicKeyInfo PEM. */
    public static PublicKey readPublicKey(Path file) throws IOException {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(
                    pemBody(Files.readString(file), "PUBLIC KEY")));
        } catch (GeneralSecurityException | IllegalArgumentException malformed) {
            throw new IOException("'" + file + "' is not an " + ALGORITHM + " public key in PEM", malformed);
        }
    }

    /** Signs a checkpoint of the given tree. */
    public Checkpoint sign(String origin, long treeSize, byte[] rootHash, Instant time) {
        if (privateKey == null) {
            throw new IllegalStateException("a verification-only key cannot sign");
        }
        String text = Checkpoint.signedText(origin, treeSize, rootHash, time);
        try {
            Signature signer = Signature.getInstance(ALGORITHM);
            signer.initSign(privateKey);
            signer.update(text.getBytes(StandardCharsets.UTF_8));
            return new Checkpoint(origin, treeSize, rootHash, time, keyId, signer.sign());
        } catch (GeneralSecurityException broken) {
            throw new IllegalStateException("cannot sign with the audit key", broken);
        }
    }

    /** Whether a checkpoint carries a valid signature by this public key. */
    public static boolean verify(Checkpoint checkpoint, PublicKey publicKey) {
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(publicKey);
            verifier.update(checkpoint.signedText().getBytes(StandardCharsets.UTF_8));
            return verifier.verify(checkpoint.signature());
        } catch (GeneralSecurityException | IllegalArgumentException invalid) {
            return false;
        }
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    public String keyId() {
        return keyId;
    }

    /** The public key as SubjectPublicKeyInfo PEM, for operators and for {@code GET /v1/audit/public-key}. */
    public String publicKeyPem() {
        return pem("PUBLIC KEY", publicKey.getEncoded());
    }

    static String keyId(PublicKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("every JDK has SHA-256", impossible);
        }
    }

    private static String pem(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }

    private static byte[] pemBody(String pem, String label) {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("no '" + begin + "' block");
        }
        return Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
    }
}
