package io.gatehouse.identity;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Builds CAs and X.509-SVIDs with BouncyCastle at test time; nothing is checked in. */
public final class TestPki {

    private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime());

    /** A key pair and its certificate. */
    public record Issued(KeyPair keys, X509Certificate certificate) {
    }

    private TestPki() {
    }

    /** A self-signed CA for a trust domain, valid around {@code now}. */
    public static Issued ca(String trustDomain, Instant now) {
        KeyPair keys = TestJwts.ecKey();
        X500Name name = new X500Name("CN=" + trustDomain + " CA");
        return build(name, keys, name, keys.getPrivate(), now, builder -> {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(
                    new GeneralName(GeneralName.uniformResourceIdentifier, "spiffe://" + trustDomain)));
        });
    }

    /** A leaf X.509-SVID with one URI SAN, signed by {@code ca}. */
    public static Issued svid(Issued ca, String spiffeId, Instant now) {
        return leaf(ca, now, new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, spiffeId)));
    }

    /** A server certificate for loopback: DNS localhost and IP 127.0.0.1. */
    public static Issued server(Issued ca, Instant now) {
        return leaf(ca, now, new GeneralNames(new GeneralName[] {
            new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
    }

    private static Issued leaf(Issued ca, Instant now, GeneralNames names) {
        KeyPair keys = TestJwts.ecKey();
        X500Name issuer = new X500Name(ca.certificate().getSubjectX500Principal().getName());
        return build(new X500Name("CN=workload"), keys, issuer, ca.keys().getPrivate(), now, builder -> {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                    new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
            builder.addExtension(Extension.subjectAlternativeName, false, names);
        });
    }

    private interface Extensions {
        void add(X509v3CertificateBuilder builder) throws IOException;
    }

    private static Issued build(X500Name subject, KeyPair keys, X500Name issuer, PrivateKey signer, Instant now,
            Extensions extensions) {
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                    BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(Duration.ofDays(1))), subject, keys.getPublic());
            extensions.add(builder);
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
            return new Issued(keys, certificate);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String pem(Object... objects) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            for (Object object : objects) {
                writer.writeObject(object);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return text.toString();
    }

    public static Path write(Path file, Object... objects) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        return Files.writeString(file, pem(objects));
    }
}
