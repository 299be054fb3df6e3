package dev.forma.state.backend.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forma.state.StateException;
import dev.forma.state.encryption.StateEncryption;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS with the http backend's TLS settings, against a server whose certificate a test CA signed
 * and that asks for a client certificate (fixtures made by {@code http-tls/gen.sh}).
 */
class HttpTlsTest {
  @TempDir Path dir;

  static String pem(String name) throws IOException {
    try (InputStream in = HttpTlsTest.class.getResourceAsStream("/http-tls/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The server's TLS: its certificate and key, and the test CA for client certificates. */
  static SSLContext serverTls() throws Exception {
    PrivateKey key = Pem.privateKey(pem("server-key.pem"));
    List<X509Certificate> chain = Pem.certificates(pem("server.pem"));
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    keys.setKeyEntry("server", key, new char[0], chain.toArray(X509Certificate[]::new));
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, new char[0]);
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    trusted.setCertificateEntry("ca", Pem.certificates(pem("ca.pem")).getFirst());
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trusted);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    return context;
  }

  private HttpStateStore store(HttpStateServer server, Map<String, String> settings)
      throws StateException {
    Map<String, String> args = new HashMap<>(settings);
    args.put("address", server.address("s"));
    args.put("retry_max", "0");
    return new HttpStateStore(
        HttpBackendConfig.from(args, Map.of()),
        dir,
        "0.1.0",
        StateEncryption.NONE,
        Duration.ofDays(1));
  }

  private static String failure(org.junit.jupiter.api.function.Executable call) {
    StateException e = assertThrows(StateException.class, call);
    return e.problems().getFirst().summary() + ": " + e.problems().getFirst().detail();
  }

  @Test
  void aClientCertificateInEachKeyFormOpensMutualTls() throws Exception {
    try (HttpStateServer server = HttpStateServer.startTls(serverTls(), true)) {
      for (String client : List.of("client-rsa", "client-ec")) {
        HttpStateStore store =
            store(
                server,
                Map.of(
                    "client_ca_certificate_pem", pem("ca.pem"),
                    "client_certificate_pem", pem(client + ".pem"),
                    "client_private_key_pem", pem(client + "-key.pem")));
        store.write(store.read().state().toBuilder().build());
        assertEquals(1, store.read().state().serial(), client);
      }
      String none =
          failure(() -> store(server, Map.of("client_ca_certificate_pem", pem("ca.pem"))).read());
      assertTrue(none.startsWith("Failed to load state: Failed to get state: GET https://"), none);
      assertTrue(
          none.endsWith(
              "(if the server asks for a client certificate, set client_certificate_pem and"
                  + " client_private_key_pem)"),
          none);
    }
  }

  @Test
  void aServerCertificateFromAnUntrustedAuthorityIsRefusedAtOnce() throws Exception {
    try (HttpStateServer server = HttpStateServer.startTls(serverTls(), false)) {
      String system = failure(() -> store(server, Map.of()).read());
      assertTrue(system.contains("giving up after 1 attempt(s)"), system);
      String other =
          failure(
              () -> store(server, Map.of("client_ca_certificate_pem", pem("other-ca.pem"))).read());
      assertTrue(
          other.contains("the server's certificate is not signed by a trusted authority"), other);
      // skip_cert_verification accepts it, as Terraform's does
      HttpStateStore skipping = store(server, Map.of("skip_cert_verification", "true"));
      assertTrue(skipping.read().state().isEmpty());
      HttpStateStore trusting = store(server, Map.of("client_ca_certificate_pem", pem("ca.pem")));
      assertTrue(trusting.read().state().isEmpty());
    }
  }

  @Test
  void unusableCertificatesAndKeysAreTerraformsErrors() throws Exception {
    HttpStateServer server = HttpStateServer.start();
    try (server) {
      assertEquals(
          "failed to append certs: ",
          failure(() -> store(server, Map.of("client_ca_certificate_pem", "not a PEM"))));
      assertEquals(
          "cannot load client certificate: failed to find any PEM data in certificate input: ",
          failure(
              () ->
                  store(
                      server,
                      Map.of(
                          "client_certificate_pem",
                          "abc",
                          "client_private_key_pem",
                          pem("client-rsa-key.pem")))));
      assertEquals(
          "cannot load client certificate: private key does not match public key: ",
          failure(
              () ->
                  store(
                      server,
                      Map.of(
                          "client_certificate_pem", pem("client-rsa.pem"),
                          "client_private_key_pem", pem("client-ec-key.pem")))));
      String encrypted =
          "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIBvTBXBgkqhkiG9w0BBQ0wSjApBgkq\n"
              + "-----END ENCRYPTED PRIVATE KEY-----\n";
      assertTrue(
          failure(
                  () ->
                      store(
                          server,
                          Map.of(
                              "client_certificate_pem",
                              pem("client-rsa.pem"),
                              "client_private_key_pem",
                              encrypted)))
              .startsWith("cannot load client certificate: the private key is encrypted"));
    }
  }

  @Test
  void keysReadInPkcs8Pkcs1AndSec1Form() throws Exception {
    assertEquals("RSA", Pem.privateKey(pem("server-key.pem")).getAlgorithm());
    assertEquals("RSA", Pem.privateKey(pem("client-rsa-key.pem")).getAlgorithm());
    assertEquals("EC", Pem.privateKey(pem("client-ec-key.pem")).getAlgorithm());
    // text around the blocks is ignored, as Go's PEM reader ignores it
    assertEquals(1, Pem.certificates("subject=...\n" + pem("ca.pem") + "\ntrailer").size());
  }
}
