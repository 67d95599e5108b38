package io.telemetra.embedded;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
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
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A private certificate authority for TLS tests (like a Strimzi cluster CA): its certificate is
 * what clients trust, and it issues server and client certificates as PEM text. Needs
 * BouncyCastle's {@code bcpkix-jdk18on} on the classpath (an optional dependency of this module).
 */
public final class CertificateAuthority {

  private static final Duration VALIDITY = Duration.ofDays(2);
  private static final AtomicLong SERIALS = new AtomicLong(System.currentTimeMillis());

  private final X500Name name;
  private final KeyPair keys;
  private final X509Certificate certificate;

  private CertificateAuthority(X500Name name, KeyPair keys, X509Certificate certificate) {
    this.name = name;
    this.keys = keys;
    this.certificate = certificate;
  }

  /** A new self-signed CA named {@code CN=commonName}. */
  public static CertificateAuthority create(String commonName) {
    X500Name name = new X500Name("CN=" + commonName);
    KeyPair keys = newKeyPair();
    X509Certificate certificate =
        sign(
            name,
            keys.getPublic(),
            name,
            keys.getPrivate(),
            builder -> {
              builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
              builder.addExtension(
                  Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            });
    return new CertificateAuthority(name, keys, certificate);
  }

  /** This CA's certificate, PEM: what clients put in their trust store. */
  public String certificatePem() {
    return pem(certificate);
  }

  /**
   * A certificate for {@code commonName}, valid for TLS servers and clients, with the given host
   * names and IP addresses as subject alternative names (what clients verify the host against).
   */
  public Issued issue(String commonName, List<String> hostsAndAddresses) {
    KeyPair leaf = newKeyPair();
    GeneralName[] alternativeNames =
        hostsAndAddresses.stream()
            .map(
                h ->
                    Character.isDigit(h.charAt(0))
                        ? new GeneralName(GeneralName.iPAddress, h)
                        : new GeneralName(GeneralName.dNSName, h))
            .toArray(GeneralName[]::new);
    X509Certificate issued =
        sign(
            new X500Name("CN=" + commonName),
            leaf.getPublic(),
            name,
            keys.getPrivate(),
            builder -> {
              builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
              builder.addExtension(
                  Extension.keyUsage,
                  true,
                  new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
              builder.addExtension(
                  Extension.extendedKeyUsage,
                  false,
                  new ExtendedKeyUsage(
                      new KeyPurposeId[] {
                        KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth
                      }));
              if (alternativeNames.length > 0) {
                builder.addExtension(
                    Extension.subjectAlternativeName, false, new GeneralNames(alternativeNames));
              }
            });
    return new Issued(pem(issued), pkcs8Pem(leaf.getPrivate()));
  }

  /** A certificate for the loopback address (127.0.0.1 and localhost). */
  public Issued issueForLoopback(String commonName) {
    return issue(commonName, List.of(Ports.LOOPBACK, "localhost"));
  }

  /** An issued certificate and its unencrypted PKCS#8 key, both PEM. */
  public record Issued(String certificatePem, String privateKeyPem) {
    @Override
    public String toString() {
      return "Issued[certificate, key=<redacted>]";
    }
  }

  private interface Extensions {
    void add(X509v3CertificateBuilder builder) throws IOException;
  }

  private static X509Certificate sign(
      X500Name subject,
      java.security.PublicKey subjectKey,
      X500Name issuer,
      PrivateKey issuerKey,
      Extensions extensions) {
    Instant now = Instant.now();
    X509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            issuer,
            BigInteger.valueOf(SERIALS.incrementAndGet()),
            Date.from(now.minus(Duration.ofHours(1))),
            Date.from(now.plus(VALIDITY)),
            subject,
            subjectKey);
    try {
      extensions.add(builder);
      return new JcaX509CertificateConverter()
          .getCertificate(
              builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuerKey)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("cannot sign a test certificate", e);
    }
  }

  private static KeyPair newKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String pem(X509Certificate certificate) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(certificate);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** The JDK encodes RSA private keys as PKCS#8, the form Kafka's PEM key store reads. */
  private static String pkcs8Pem(PrivateKey key) {
    return "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
  }
}
