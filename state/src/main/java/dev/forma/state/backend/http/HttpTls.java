package dev.forma.state.backend.http;

import dev.forma.state.StateException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;

/**
 * The TLS side of the http backend's settings, as Terraform applies them: {@code
 * client_ca_certificate_pem} replaces the system's trusted CAs, {@code skip_cert_verification}
 * accepts any server certificate and name, {@code client_certificate_pem} with {@code
 * client_private_key_pem} is presented to servers that ask for a client certificate. With none of
 * them set, the client is left as it is (the system's CAs).
 */
final class HttpTls {
  private HttpTls() {}

  /**
   * Configures {@code builder} for {@code config}.
   *
   * @throws StateException with Terraform's message when a certificate or key cannot be used
   */
  static void configure(OkHttpClient.Builder builder, HttpBackendConfig config)
      throws StateException {
    boolean skip = config.skipCertVerification();
    String ca = config.clientCaCertificatePem();
    String certificate = config.clientCertificatePem();
    String key = config.clientPrivateKeyPem();
    if (!skip && ca.isEmpty() && certificate.isEmpty() && key.isEmpty()) {
      return;
    }
    try {
      X509TrustManager trust;
      if (skip) {
        trust = new TrustEverything();
        builder.hostnameVerifier((host, session) -> true);
      } else if (!ca.isEmpty()) {
        trust = trusting(ca);
      } else {
        trust = systemTrust();
      }
      KeyManager[] keys = null;
      if (!certificate.isEmpty()) {
        keys = clientKeys(certificate, key);
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys, new TrustManager[] {trust}, new SecureRandom());
      builder.sslSocketFactory(context.getSocketFactory(), trust);
    } catch (GeneralSecurityException e) {
      throw new StateException(
          "Failed to configure TLS for the http backend", String.valueOf(e.getMessage()), e);
    }
  }

  private static X509TrustManager trusting(String pem) throws StateException {
    List<X509Certificate> cas;
    try {
      cas = Pem.certificates(pem);
    } catch (CertificateException e) {
      cas = List.of();
    }
    if (cas.isEmpty()) {
      throw new StateException("failed to append certs", "");
    }
    try {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      for (int i = 0; i < cas.size(); i++) {
        store.setCertificateEntry("ca-" + i, cas.get(i));
      }
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      return x509(factory.getTrustManagers());
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new StateException("failed to append certs", String.valueOf(e.getMessage()), e);
    }
  }

  private static X509TrustManager systemTrust() throws GeneralSecurityException {
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init((KeyStore) null);
    return x509(factory.getTrustManagers());
  }

  private static X509TrustManager x509(TrustManager[] managers) throws GeneralSecurityException {
    for (TrustManager m : managers) {
      if (m instanceof X509TrustManager x) {
        return x;
      }
    }
    throw new GeneralSecurityException("no X.509 trust manager");
  }

  private static KeyManager[] clientKeys(String certificatePem, String keyPem)
      throws StateException {
    List<X509Certificate> chain;
    try {
      chain = Pem.certificates(certificatePem);
    } catch (CertificateException e) {
      throw cannotLoad("the certificate cannot be read: " + e.getMessage(), e);
    }
    if (chain.isEmpty()) {
      throw cannotLoad("failed to find any PEM data in certificate input", null);
    }
    PrivateKey key;
    try {
      key = Pem.privateKey(keyPem);
    } catch (GeneralSecurityException e) {
      throw cannotLoad(e.getMessage(), e);
    }
    if (!matches(key, chain.getFirst())) {
      throw cannotLoad("private key does not match public key", null);
    }
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      char[] password = new char[0];
      store.setKeyEntry("client", key, password, chain.toArray(X509Certificate[]::new));
      KeyManagerFactory factory =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      factory.init(store, password);
      return factory.getKeyManagers();
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw cannotLoad(String.valueOf(e.getMessage()), e);
    }
  }

  /** Whether {@code key} signs what the certificate's public key verifies. */
  private static boolean matches(PrivateKey key, X509Certificate certificate) {
    String algorithm =
        switch (key.getAlgorithm()) {
          case "RSA" -> "SHA256withRSA";
          case "EC" -> "SHA256withECDSA";
          case "Ed25519", "EdDSA" -> "Ed25519";
          default -> null;
        };
    if (algorithm == null) {
      return true; // let the handshake decide
    }
    try {
      byte[] probe = "forma".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(probe);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(certificate.getPublicKey());
      verifier.update(probe);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static StateException cannotLoad(String why, Throwable cause) {
    return new StateException("cannot load client certificate: " + why, "", cause);
  }

  /** {@code skip_cert_verification}: every server certificate is accepted. */
  private static final class TrustEverything implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
