package io.gatehouse.token;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * Where signing keys live: Gatehouse's own state directory for managed keys, or keys an operator mounted (a
 * directory of PEM files or a PKCS#12 store). Mounted keys take their signing period from their certificate's
 * validity, so a key past its certificate's {@code notAfter} never signs.
 */
final class KeyStorage {

    static final String MANAGED_FILE = "signing-keys.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private KeyStorage() {
    }

    /** Managed keys saved earlier, or an empty list when there are none yet. */
    static List<SigningKey> loadManaged(Path stateDir) throws IOException {
        Path file = stateDir.resolve(MANAGED_FILE);
        if (!Files.exists(file)) {
            return List.of();
        }
        List<SigningKey> keys = new ArrayList<>();
        for (JsonNode entry : JSON.readTree(file.toFile()).path("keys")) {
            keys.add(fromJson(entry, file));
        }
        return keys;
    }

    private static SigningKey fromJson(JsonNode entry, Path file) throws IOException {
        try {
            KeyFactory factory = KeyFactory.getInstance("EC");
            PrivateKey privateKey = factory.generatePrivate(
                    new PKCS8EncodedKeySpec(Base64.getDecoder().decode(entry.path("private").asText())));
            PublicKey publicKey = factory.generatePublic(
                    new X509EncodedKeySpec(Base64.getDecoder().decode(entry.path("public").asText())));
            return new SigningKey(entry.path("kid").asText(), entry.path("alg").asText(), privateKey, publicKey,
                    instant(entry, "published"), instant(entry, "activates"), instant(entry, "signs_until"),
                    instant(entry, "retires"));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // the message names the file only: key material must not reach logs
            throw new IOException("unreadable key entry in " + file, null);
        }
    }

    private static Instant instant(JsonNode entry, String field) {
        return Instant.parse(entry.path(field).asText());
    }

    /** Saves managed keys atomically, readable by the owner only. */
    static void saveManaged(Path stateDir, List<SigningKey> keys) throws IOException {
        Files.createDirectories(stateDir);
        ArrayNode array = JSON.createArrayNode();
        for (SigningKey key : keys) {
            ObjectNode entry = array.addObject();
            entry.put("kid", key.kid());
            entry.put("alg", key.algorithm());
            entry.put("private", Base64.getEncoder().encodeToString(key.privateKey().getEncoded()));
            entry.put("public", Base64.getEncoder().encodeToString(key.publicKey().getEncoded()));
            entry.put("published", key.publishedAt().toString());
            entry.put("activates", key.activatesAt().toString());
            entry.put("signs_until", key.signsUntil().toString());
            entry.put("retires", key.retiresAt().toString());
        }
        Path temporary = stateDir.resolve(MANAGED_FILE + ".tmp");
        Files.deleteIfExists(temporary);
        createOwnerOnly(temporary);
        Files.write(temporary, JSON.writeValueAsBytes(JSON.createObjectNode().set("keys", array)));
        try {
            Files.move(temporary, stateDir.resolve(MANAGED_FILE), StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, stateDir.resolve(MANAGED_FILE), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void createOwnerOnly(Path file) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
    }

    /**
     * Every {@code *.pem} file of {@code directory}: a private key (PKCS#8 or SEC1) and the certificate of its
     * public key. The file name without {@code .pem} is the {@code kid}.
     */
    static List<SigningKey> loadPemDirectory(Path directory, RotationPolicy policy) throws IOException {
        List<SigningKey> keys = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.filter(path -> path.getFileName().toString().endsWith(".pem")).sorted().toList();
        }
        for (Path file : files) {
            keys.add(readPem(file, policy));
        }
        return keys;
    }

    private static SigningKey readPem(Path file, RotationPolicy policy) throws IOException {
        PrivateKey privateKey = null;
        X509Certificate certificate = null;
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        try (Reader reader = Files.newBufferedReader(file); PEMParser parser = new PEMParser(reader)) {
            for (Object item = parser.readObject(); item != null; item = parser.readObject()) {
                if (item instanceof PrivateKeyInfo info) {
                    privateKey = converter.getPrivateKey(info);
                } else if (item instanceof PEMKeyPair pair) {
                    privateKey = converter.getKeyPair(pair).getPrivate();
                } else if (item instanceof X509CertificateHolder holder) {
                    certificate = new JcaX509CertificateConverter().getCertificate(holder);
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the key in " + file, null);
        }
        if (privateKey == null || certificate == null) {
            throw new IOException(file + " must hold a private key and its certificate");
        }
        String kid = file.getFileName().toString().replaceFirst("\\.pem$", "");
        return mounted(kid, privateKey, certificate, policy);
    }

    /** Every private-key entry of a PKCS#12 store; the alias is the {@code kid}. */
    static List<SigningKey> loadPkcs12(Path store, char[] password, RotationPolicy policy) throws IOException {
        try (InputStream in = Files.newInputStream(store)) {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(in, password);
            List<SigningKey> keys = new ArrayList<>();
            for (String alias : Collections.list(keyStore.aliases())) {
                if (keyStore.isKeyEntry(alias)) {
                    PrivateKey key = (PrivateKey) keyStore.getKey(alias, password);
                    keys.add(mounted(alias, key, (X509Certificate) keyStore.getCertificate(alias), policy));
                }
            }
            return keys;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the PKCS#12 store " + store + ": " + e.getClass().getSimpleName(),
                    null);
        }
    }

    private static SigningKey mounted(String kid, PrivateKey key, X509Certificate certificate, RotationPolicy policy) {
        String algorithm = switch (key.getAlgorithm()) {
            case "EC" -> "ES256";
            case "Ed25519", "EdDSA" -> "EdDSA";
            case "RSA" -> "RS256";
            default -> throw new IllegalArgumentException("key \"" + kid + "\": unsupported key type "
                    + key.getAlgorithm());
        };
        Instant notBefore = certificate.getNotBefore().toInstant();
        Instant notAfter = certificate.getNotAfter().toInstant();
        return new SigningKey(kid, algorithm, key, certificate.getPublicKey(), notBefore, notBefore, notAfter,
                notAfter.plus(policy.overlap()));
    }
}
