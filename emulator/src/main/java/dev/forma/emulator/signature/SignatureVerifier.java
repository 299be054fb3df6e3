package dev.forma.emulator.signature;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks a received request's ACS3-HMAC-SHA256 signature the way the cloud's gateway does: the
 * Authorization header's form, the access key, the {@code x-acs-date} window (15 minutes either
 * side), the body hash in {@code x-acs-content-sha256}, the set of signed headers (every {@code
 * host}, {@code content-type} and {@code x-acs-*} header sent must be signed), the signature, and,
 * when asked, that a signature nonce is not used twice within the window.
 */
public final class SignatureVerifier {
  /** How far {@code x-acs-date} may be from the server's clock, either way. */
  public static final Duration DATE_WINDOW = Duration.ofMinutes(15);

  private final Map<String, String> keyPairs;
  private final String anyKeySecret;
  private final Clock clock;
  private final boolean checkNonce;
  private final Map<String, Instant> nonces = new HashMap<>();

  /**
   * @param keyPairs access key id to secret; when empty, any access key id is accepted with {@code
   *     anyKeySecret}
   * @param anyKeySecret the secret every key id shares when {@code keyPairs} is empty
   * @param checkNonce whether a reused {@code x-acs-signature-nonce} is refused
   */
  public SignatureVerifier(
      Map<String, String> keyPairs, String anyKeySecret, Clock clock, boolean checkNonce) {
    this.keyPairs = Map.copyOf(keyPairs);
    this.anyKeySecret = anyKeySecret;
    this.clock = clock;
    this.checkNonce = checkNonce;
  }

  /** Verifies the request; returns the caller's access key id. */
  public String verify(ReceivedRequest r) throws SignatureException {
    String auth = r.headers().get("authorization");
    if (auth == null || auth.isBlank()) {
      throw new SignatureException(
          400,
          "IncompleteSignature",
          "The request is not signed: the Authorization header is missing.");
    }
    Authorization a = Authorization.parse(auth.trim());
    String secret;
    if (keyPairs.isEmpty()) {
      secret = anyKeySecret;
    } else {
      secret = keyPairs.get(a.keyId());
      if (secret == null) {
        throw new SignatureException(
            403, "InvalidAccessKeyId.NotFound", "Specified access key is not found.");
      }
    }
    checkDate(r.headers().get("x-acs-date"));
    String bodyHash = Acs3Signature.sha256Hex(r.body());
    String claimed = r.headers().get("x-acs-content-sha256");
    if (claimed == null) {
      throw new SignatureException(
          400, "IncompleteSignature", "The x-acs-content-sha256 header is missing.");
    }
    if (!claimed.trim().equalsIgnoreCase(bodyHash)) {
      throw new SignatureException(
          403,
          "SignatureDoesNotMatch",
          "The x-acs-content-sha256 header does not match the SHA-256 of the request body.");
    }
    TreeMap<String, String> signed = new TreeMap<>();
    for (String name : a.signedHeaders().split(";")) {
      String v = r.headers().get(name);
      if (name.isEmpty() || !name.equals(name.toLowerCase(java.util.Locale.ROOT)) || v == null) {
        throw new SignatureException(
            403,
            "SignatureDoesNotMatch",
            "SignedHeaders names a header the request does not carry: \"" + name + "\".");
      }
      signed.put(name, v);
    }
    for (String name : r.headers().keySet()) {
      boolean mustSign =
          name.equals("host") || name.equals("content-type") || name.startsWith("x-acs-");
      if (mustSign && !signed.containsKey(name)) {
        throw new SignatureException(
            403,
            "SignatureDoesNotMatch",
            "The header \"" + name + "\" is sent but not listed in SignedHeaders.");
      }
    }
    String canonical =
        Acs3Signature.canonicalRequest(
            r.method(),
            Acs3Signature.canonicalUri(r.pathSegments()),
            Acs3Signature.canonicalQuery(r.query()),
            signed,
            bodyHash);
    String expected = Acs3Signature.sign(secret, Acs3Signature.stringToSign(canonical));
    if (!MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.US_ASCII),
        a.signature().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
      throw new SignatureException(
          403,
          "SignatureDoesNotMatch",
          "The request signature does not conform to Aliyun standards. The server's string to"
              + " sign is: "
              + Acs3Signature.stringToSign(canonical).replace("\n", "\\n"));
    }
    if (checkNonce) {
      checkNonce(r.headers().get("x-acs-signature-nonce"));
    }
    return a.keyId();
  }

  private void checkDate(String date) throws SignatureException {
    if (date == null) {
      throw new SignatureException(400, "IncompleteSignature", "The x-acs-date header is missing.");
    }
    Instant at;
    try {
      at = Instant.parse(date.trim());
    } catch (DateTimeParseException e) {
      throw new SignatureException(
          400,
          "InvalidTimeStamp.Format",
          "The x-acs-date header \"" + date + "\" is not in the form yyyy-MM-ddTHH:mm:ssZ (UTC).");
    }
    Duration skew = Duration.between(at, clock.instant()).abs();
    if (skew.compareTo(DATE_WINDOW) > 0) {
      throw new SignatureException(
          400,
          "InvalidTimeStamp.Expired",
          "Specified time stamp or date value is expired: x-acs-date "
              + date
              + " is more than 15 minutes from the server's time "
              + clock.instant()
              + ".");
    }
  }

  private synchronized void checkNonce(String nonce) throws SignatureException {
    if (nonce == null || nonce.isBlank()) {
      throw new SignatureException(
          400, "IncompleteSignature", "The x-acs-signature-nonce header is missing.");
    }
    Instant now = clock.instant();
    if (nonces.size() > 10_000) {
      for (Iterator<Instant> it = nonces.values().iterator(); it.hasNext(); ) {
        if (it.next().isBefore(now)) {
          it.remove();
        }
      }
    }
    Instant until = nonces.get(nonce);
    if (until != null && until.isAfter(now)) {
      throw new SignatureException(
          400, "SignatureNonceUsed", "Specified signature nonce was used already.");
    }
    nonces.put(nonce, now.plus(DATE_WINDOW.multipliedBy(2)));
  }

  /**
   * Forgets a nonce, so the same signed request is accepted once more: for an answer the cloud
   * dropped on purpose, which an HTTP library may resend as is.
   */
  public synchronized void forgetNonce(String nonce) {
    if (nonce != null) {
      nonces.remove(nonce);
    }
  }

  /** The parsed Authorization header. */
  private record Authorization(String keyId, String signedHeaders, String signature) {
    static Authorization parse(String header) throws SignatureException {
      String prefix = Acs3Signature.ALGORITHM + " ";
      if (!header.startsWith(prefix)) {
        throw new SignatureException(
            400,
            "IncompleteSignature",
            "The Authorization header must start with \"" + prefix.trim() + "\".");
      }
      Map<String, String> parts = new HashMap<>();
      for (String p : header.substring(prefix.length()).split(",")) {
        int eq = p.indexOf('=');
        if (eq > 0) {
          parts.put(p.substring(0, eq).trim(), p.substring(eq + 1).trim());
        }
      }
      String id = parts.get("Credential");
      String headers = parts.get("SignedHeaders");
      String sig = parts.get("Signature");
      if (id == null || id.isEmpty() || headers == null || sig == null || sig.isEmpty()) {
        throw new SignatureException(
            400,
            "IncompleteSignature",
            "The Authorization header must carry Credential, SignedHeaders and Signature.");
      }
      return new Authorization(id, headers, sig);
    }
  }
}
