package dev.forma.state.backend.http;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEM text as the http backend's certificate settings hold it: certificates, and an unencrypted
 * private key in PKCS #8 ({@code PRIVATE KEY}), PKCS #1 ({@code RSA PRIVATE KEY}) or SEC 1 ({@code
 * EC PRIVATE KEY}) form, the forms Go's {@code tls.X509KeyPair} reads. Text around the blocks is
 * ignored.
 */
final class Pem {
  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----\\r?\\n(.*?)-----END \\1-----", Pattern.DOTALL);

  /** RSA encryption, 1.2.840.113549.1.1.1, as a DER OID. */
  private static final byte[] RSA_OID = {
    0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01
  };

  /** EC public key, 1.2.840.10045.2.1, as a DER OID. */
  private static final byte[] EC_OID = {
    0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01
  };

  private Pem() {}

  /** A PEM block: its type and its decoded content. */
  record Block(String type, boolean encrypted, byte[] der) {}

  /** The PEM blocks in {@code text}, in order. */
  static List<Block> blocks(String text) {
    List<Block> out = new ArrayList<>();
    Matcher m = BLOCK.matcher(text);
    while (m.find()) {
      String body = m.group(2);
      boolean encrypted = false;
      StringBuilder base64 = new StringBuilder();
      for (String line : body.split("\\r?\\n")) {
        if (line.contains(":")) {
          // an RFC 1421 header, such as Proc-Type: 4,ENCRYPTED
          encrypted |= line.contains("ENCRYPTED");
          continue;
        }
        base64.append(line.strip());
      }
      try {
        out.add(
            new Block(
                m.group(1),
                encrypted || m.group(1).startsWith("ENCRYPTED"),
                Base64.getDecoder().decode(base64.toString())));
      } catch (IllegalArgumentException notBase64) {
        // not a PEM block after all: skipped, as Go's pem.Decode skips it
      }
    }
    return out;
  }

  /**
   * The certificates in {@code text}.
   *
   * @throws CertificateException when a {@code CERTIFICATE} block does not hold one
   */
  static List<X509Certificate> certificates(String text) throws CertificateException {
    CertificateFactory factory = CertificateFactory.getInstance("X.509");
    List<X509Certificate> out = new ArrayList<>();
    for (Block b : blocks(text)) {
      if (b.type().equals("CERTIFICATE")) {
        out.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(b.der())));
      }
    }
    return out;
  }

  /**
   * The first private key in {@code text}.
   *
   * @throws GeneralSecurityException saying why there is none that can be used
   */
  static PrivateKey privateKey(String text) throws GeneralSecurityException {
    for (Block b : blocks(text)) {
      if (!b.type().endsWith("PRIVATE KEY")) {
        continue;
      }
      if (b.encrypted()) {
        throw new GeneralSecurityException(
            "the private key is encrypted: give it unencrypted (PKCS #8, PKCS #1 or SEC 1)");
      }
      return switch (b.type()) {
        case "PRIVATE KEY" -> pkcs8(b.der());
        case "RSA PRIVATE KEY" ->
            KeyFactory.getInstance("RSA")
                .generatePrivate(
                    new PKCS8EncodedKeySpec(pkcs8(RSA_OID, new byte[] {0x05, 0x00}, b.der())));
        case "EC PRIVATE KEY" ->
            KeyFactory.getInstance("EC")
                .generatePrivate(new PKCS8EncodedKeySpec(pkcs8(EC_OID, curveOf(b.der()), b.der())));
        default ->
            throw new GeneralSecurityException("unsupported private key type \"" + b.type() + "\"");
      };
    }
    throw new GeneralSecurityException("failed to find any PEM data in key input");
  }

  private static PrivateKey pkcs8(byte[] der) throws GeneralSecurityException {
    GeneralSecurityException last = null;
    for (String algorithm : new String[] {"RSA", "EC", "Ed25519", "RSASSA-PSS"}) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        last = e;
      }
    }
    throw new GeneralSecurityException("the PKCS #8 private key cannot be read", last);
  }

  /** The named curve of a SEC 1 {@code ECPrivateKey}: the OID in its {@code [0]} field. */
  private static byte[] curveOf(byte[] sec1) throws GeneralSecurityException {
    Der outer = new Der(sec1, 0);
    if (outer.tag != 0x30) {
      throw new GeneralSecurityException("the EC private key is not a SEC 1 structure");
    }
    int at = outer.contentStart;
    while (at < outer.end) {
      Der field = new Der(sec1, at);
      if ((field.tag & 0xff) == 0xa0) {
        Der oid = new Der(sec1, field.contentStart);
        if (oid.tag == 0x06) {
          return Arrays.copyOfRange(sec1, field.contentStart, oid.end);
        }
      }
      at = field.end;
    }
    throw new GeneralSecurityException("the EC private key does not name its curve");
  }

  /**
   * A PKCS #8 {@code PrivateKeyInfo}: version 0, the algorithm ({@code oid} and its {@code
   * parameters}), and the key as an octet string.
   */
  private static byte[] pkcs8(byte[] oid, byte[] parameters, byte[] key) {
    byte[] algorithm = tlv(0x30, concat(oid, parameters));
    return tlv(0x30, concat(new byte[] {0x02, 0x01, 0x00}, algorithm, tlv(0x04, key)));
  }

  private static byte[] tlv(int tag, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    int n = content.length;
    if (n < 0x80) {
      out.write(n);
    } else {
      int bytes = n > 0xffffff ? 4 : n > 0xffff ? 3 : n > 0xff ? 2 : 1;
      out.write(0x80 | bytes);
      for (int i = bytes - 1; i >= 0; i--) {
        out.write((n >>> (8 * i)) & 0xff);
      }
    }
    out.writeBytes(content);
    return out.toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  /** One DER element's tag and extent. */
  private static final class Der {
    final int tag;
    final int contentStart;
    final int end;

    Der(byte[] der, int at) throws GeneralSecurityException {
      if (at + 2 > der.length) {
        throw new GeneralSecurityException("truncated DER");
      }
      tag = der[at] & 0xff;
      int first = der[at + 1] & 0xff;
      int length;
      int start;
      if (first < 0x80) {
        length = first;
        start = at + 2;
      } else {
        int bytes = first & 0x7f;
        if (bytes == 0 || bytes > 4 || at + 2 + bytes > der.length) {
          throw new GeneralSecurityException("bad DER length");
        }
        length = 0;
        for (int i = 0; i < bytes; i++) {
          length = (length << 8) | (der[at + 2 + i] & 0xff);
        }
        start = at + 2 + bytes;
      }
      if (length < 0 || start + length > der.length) {
        throw new GeneralSecurityException("truncated DER");
      }
      contentStart = start;
      end = start + length;
    }
  }
}
