package dev.forma.engine.functions;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;

/**
 * {@code rsadecrypt}: RSA PKCS #1 v1.5 decryption with a private key in PEM, as PKCS #1 ({@code RSA
 * PRIVATE KEY}), PKCS #8 ({@code PRIVATE KEY}) or OpenSSH ({@code OPENSSH PRIVATE KEY}, not
 * passphrase protected), the forms Terraform reads; errors as Terraform words them.
 */
final class RsaKeys {
  private static final Pattern PEM =
      Pattern.compile(
          "-----BEGIN ([^\\n-]+)-----\\r?\\n((?:[^\\n:]+:[^\\n]*\\r?\\n)*)\\r?\\n?([A-Za-z0-9+/=\\s]*?)-----END \\1-----");

  /** rsaEncryption's AlgorithmIdentifier, for wrapping a PKCS #1 key as PKCS #8. */
  private static final byte[] RSA_ALGORITHM = {
    0x30,
    0x0d,
    0x06,
    0x09,
    0x2a,
    (byte) 0x86,
    0x48,
    (byte) 0x86,
    (byte) 0xf7,
    0x0d,
    0x01,
    0x01,
    0x01,
    0x05,
    0x00
  };

  private RsaKeys() {}

  static String decrypt(String ciphertext, String key) throws FunctionException {
    byte[] encrypted;
    try {
      encrypted = TextEncodingFunctions.goBase64Decode(ciphertext);
    } catch (FunctionException e) {
      throw new FunctionException(
          0,
          "ciphertext",
          "failed to decode input \"" + ciphertext + "\": cipher text must be base64-encoded");
    }
    PrivateKey privateKey = parse(key);
    try {
      Cipher rsa = Cipher.getInstance("RSA/ECB/PKCS1Padding");
      rsa.init(Cipher.DECRYPT_MODE, privateKey);
      byte[] plain = rsa.doFinal(encrypted);
      return new String(plain, StandardCharsets.UTF_8);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new FunctionException("failed to decrypt: crypto/rsa: decryption error");
    }
  }

  private static FunctionException keyError(String message) {
    return new FunctionException(1, "privatekey", message);
  }

  private static PrivateKey parse(String text) throws FunctionException {
    Matcher m = PEM.matcher(text);
    if (!m.find()) {
      throw keyError("invalid private key: ssh: no key found");
    }
    String type = m.group(1);
    String headers = m.group(2);
    if (headers.contains("ENCRYPTED")) {
      throw keyError("invalid private key: ssh: this private key is passphrase protected");
    }
    byte[] der;
    try {
      der = Base64.getMimeDecoder().decode(m.group(3));
    } catch (IllegalArgumentException e) {
      throw keyError("invalid private key: ssh: no key found");
    }
    return switch (type) {
      case "RSA PRIVATE KEY" -> rsa(pkcs8(der));
      case "PRIVATE KEY" -> rsa(der);
      case "OPENSSH PRIVATE KEY" -> openssh(der);
      case "EC PRIVATE KEY", "DSA PRIVATE KEY" -> throw notRsa();
      default -> throw keyError("invalid private key: ssh: unsupported key type \"" + type + "\"");
    };
  }

  private static FunctionException notRsa() {
    return keyError("invalid private key type: the key is not an RSA private key");
  }

  private static PrivateKey rsa(byte[] pkcs8) throws FunctionException {
    try {
      return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    } catch (GeneralSecurityException | RuntimeException e) {
      for (String other : new String[] {"EC", "Ed25519", "DSA"}) {
        try {
          KeyFactory.getInstance(other).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
          throw notRsa();
        } catch (GeneralSecurityException | RuntimeException ignored) {
          // not this kind either
        }
      }
      throw keyError("invalid ASN1 data in the given private key: the key is malformed");
    }
  }

  /** A PKCS #1 RSAPrivateKey wrapped as a PKCS #8 PrivateKeyInfo. */
  private static byte[] pkcs8(byte[] pkcs1) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(new byte[] {0x02, 0x01, 0x00});
    body.writeBytes(RSA_ALGORITHM);
    body.writeBytes(derHeader(0x04, pkcs1.length));
    body.writeBytes(pkcs1);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(derHeader(0x30, body.size()));
    out.writeBytes(body.toByteArray());
    return out.toByteArray();
  }

  private static byte[] derHeader(int tag, int length) {
    if (length < 0x80) {
      return new byte[] {(byte) tag, (byte) length};
    }
    byte[] len = BigInteger.valueOf(length).toByteArray();
    int skip = len[0] == 0 ? 1 : 0;
    byte[] out = new byte[2 + len.length - skip];
    out[0] = (byte) tag;
    out[1] = (byte) (0x80 | (len.length - skip));
    System.arraycopy(len, skip, out, 2, len.length - skip);
    return out;
  }

  /** An unencrypted OpenSSH private key ("openssh-key-v1") holding an RSA key. */
  private static PrivateKey openssh(byte[] data) throws FunctionException {
    try {
      ByteBuffer b = ByteBuffer.wrap(data);
      byte[] magic = "openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII);
      for (byte x : magic) {
        if (b.get() != x) {
          throw keyError("invalid private key: ssh: invalid openssh private key format");
        }
      }
      String cipher = new String(string(b), StandardCharsets.US_ASCII);
      string(b); // kdf name
      string(b); // kdf options
      if (!cipher.equals("none")) {
        throw keyError("invalid private key: ssh: this private key is passphrase protected");
      }
      if (b.getInt() != 1) {
        throw keyError("invalid private key: ssh: multi-key files are not supported");
      }
      string(b); // public key
      ByteBuffer p = ByteBuffer.wrap(string(b));
      if (p.getInt() != p.getInt()) {
        throw keyError("invalid private key: ssh: malformed OpenSSH key");
      }
      String type = new String(string(p), StandardCharsets.US_ASCII);
      if (!type.equals("ssh-rsa")) {
        throw notRsa();
      }
      BigInteger n = new BigInteger(string(p));
      BigInteger e = new BigInteger(string(p));
      BigInteger d = new BigInteger(string(p));
      BigInteger iqmp = new BigInteger(string(p));
      BigInteger prime1 = new BigInteger(string(p));
      BigInteger prime2 = new BigInteger(string(p));
      RSAPrivateCrtKeySpec spec =
          new RSAPrivateCrtKeySpec(
              n,
              e,
              d,
              prime1,
              prime2,
              d.mod(prime1.subtract(BigInteger.ONE)),
              d.mod(prime2.subtract(BigInteger.ONE)),
              iqmp);
      return (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(spec);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw keyError("invalid private key: ssh: malformed OpenSSH key");
    }
  }

  private static byte[] string(ByteBuffer b) {
    int len = b.getInt();
    if (len < 0 || len > b.remaining()) {
      throw new IllegalArgumentException("truncated");
    }
    byte[] out = new byte[len];
    b.get(out);
    return out;
  }
}
