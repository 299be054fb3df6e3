package dev.forma.engine.functions;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * The bcrypt password hash ({@code $2a$}, as Go's {@code golang.org/x/crypto/bcrypt} writes it):
 * Blowfish with the expensive key schedule of Provos and Mazières.
 *
 * <p>Blowfish's initial subkeys are the hexadecimal digits of pi's fractional part; they are
 * computed once, when first needed, rather than copied into the source as a table.
 */
final class Bcrypt {
  /** Go's limits: a cost below the minimum means the default; a password at most 72 bytes. */
  static final int MIN_COST = 4;

  static final int MAX_COST = 31;
  static final int DEFAULT_COST = 10;
  static final int MAX_PASSWORD_BYTES = 72;

  private static final String ALPHABET =
      "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final byte[] MAGIC =
      "OrpheanBeholderScryDoubt".getBytes(StandardCharsets.US_ASCII);

  private Bcrypt() {}

  private static final class PiDigits {
    /** P-array (18 words) then the four S-boxes (256 words each). */
    static final int[] WORDS = words(18 + 4 * 256);

    /** The first {@code n} 32-bit words of pi's fractional part, by Machin's formula. */
    private static int[] words(int n) {
      int bits = 32 * n + 64;
      BigInteger pi =
          arctanInverse(5, bits).shiftLeft(4).subtract(arctanInverse(239, bits).shiftLeft(2));
      BigInteger fraction = pi.subtract(BigInteger.valueOf(3).shiftLeft(bits)).shiftRight(64);
      int[] out = new int[n];
      for (int i = 0; i < n; i++) {
        out[i] = fraction.shiftRight(32 * (n - 1 - i)).intValue();
      }
      return out;
    }

    /** arctan(1/x) scaled by 2^bits. */
    private static BigInteger arctanInverse(int x, int bits) {
      BigInteger term = BigInteger.ONE.shiftLeft(bits).divide(BigInteger.valueOf(x));
      BigInteger sum = term;
      BigInteger x2 = BigInteger.valueOf((long) x * x);
      for (int k = 1; term.signum() != 0; k++) {
        term = term.divide(x2);
        BigInteger t = term.divide(BigInteger.valueOf(2L * k + 1));
        sum = (k % 2 == 1) ? sum.subtract(t) : sum.add(t);
      }
      return sum;
    }
  }

  /** The initial subkeys, for tests: P-array then S-boxes. */
  static int[] initialSubkeys() {
    return PiDigits.WORDS.clone();
  }

  /** The Blowfish state during the key schedule. */
  private static final class State {
    final int[] p = new int[18];
    final int[] s = new int[1024];
    int offset;

    State() {
      System.arraycopy(PiDigits.WORDS, 0, p, 0, 18);
      System.arraycopy(PiDigits.WORDS, 18, s, 0, 1024);
    }

    private int f(int x) {
      return ((s[x >>> 24] + s[0x100 | ((x >>> 16) & 0xFF)]) ^ s[0x200 | ((x >>> 8) & 0xFF)])
          + s[0x300 | (x & 0xFF)];
    }

    /** Enciphers the block at {@code lr[i]}, {@code lr[i + 1]} in place. */
    void encipher(int[] lr, int i) {
      int l = lr[i];
      int r = lr[i + 1];
      for (int round = 0; round < 16; round += 2) {
        l ^= p[round];
        r ^= f(l);
        r ^= p[round + 1];
        l ^= f(r);
      }
      lr[i] = r ^ p[17];
      lr[i + 1] = l ^ p[16];
    }

    /** The next 32 bits of {@code data}, read cyclically from {@link #offset}. */
    private int word(byte[] data) {
      int w = 0;
      for (int k = 0; k < 4; k++) {
        w = (w << 8) | (data[offset] & 0xFF);
        offset = (offset + 1) % data.length;
      }
      return w;
    }

    /** Blowfish's key schedule, salted when {@code salt} is not null (bcrypt's ExpandKey). */
    void expand(byte[] key, byte[] salt) {
      offset = 0;
      for (int i = 0; i < 18; i++) {
        p[i] ^= word(key);
      }
      int[] lr = {0, 0};
      int saltOffset = 0;
      for (int i = 0; i < 18 + 1024; i += 2) {
        if (salt != null) {
          offset = saltOffset;
          lr[0] ^= word(salt);
          lr[1] ^= word(salt);
          saltOffset = offset;
        }
        encipher(lr, 0);
        if (i < 18) {
          p[i] = lr[0];
          p[i + 1] = lr[1];
        } else {
          s[i - 18] = lr[0];
          s[i - 17] = lr[1];
        }
      }
    }
  }

  /** The hash of {@code password} with this 16-byte salt and cost, as {@code $2a$CC$...}. */
  static String hash(byte[] password, byte[] salt, int cost) {
    byte[] key = new byte[password.length + 1];
    System.arraycopy(password, 0, key, 0, password.length);
    State st = new State();
    st.expand(key, salt);
    for (long round = 0; round < (1L << cost); round++) {
      st.expand(key, null);
      st.expand(salt, null);
    }
    int[] text = new int[6];
    for (int i = 0; i < 6; i++) {
      text[i] =
          (MAGIC[4 * i] & 0xFF) << 24
              | (MAGIC[4 * i + 1] & 0xFF) << 16
              | (MAGIC[4 * i + 2] & 0xFF) << 8
              | (MAGIC[4 * i + 3] & 0xFF);
    }
    for (int i = 0; i < 64; i++) {
      for (int j = 0; j < 6; j += 2) {
        st.encipher(text, j);
      }
    }
    byte[] out = new byte[24];
    for (int i = 0; i < 6; i++) {
      out[4 * i] = (byte) (text[i] >>> 24);
      out[4 * i + 1] = (byte) (text[i] >>> 16);
      out[4 * i + 2] = (byte) (text[i] >>> 8);
      out[4 * i + 3] = (byte) text[i];
    }
    return "$2a$" + (cost < 10 ? "0" : "") + cost + "$" + encode(salt, 16) + encode(out, 23);
  }

  /** bcrypt's base64: its own alphabet, no padding. */
  static String encode(byte[] data, int length) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < length; i += 3) {
      int c1 = data[i] & 0xFF;
      sb.append(ALPHABET.charAt(c1 >> 2));
      c1 = (c1 & 0x03) << 4;
      if (i + 1 >= length) {
        sb.append(ALPHABET.charAt(c1));
        break;
      }
      int c2 = data[i + 1] & 0xFF;
      sb.append(ALPHABET.charAt(c1 | (c2 >> 4)));
      c1 = (c2 & 0x0F) << 2;
      if (i + 2 >= length) {
        sb.append(ALPHABET.charAt(c1));
        break;
      }
      int c3 = data[i + 2] & 0xFF;
      sb.append(ALPHABET.charAt(c1 | (c3 >> 6)));
      sb.append(ALPHABET.charAt(c3 & 0x3F));
    }
    return sb.toString();
  }

  /** Decodes bcrypt's base64 into {@code length} bytes (for reading a hash's salt). */
  static byte[] decode(String text, int length) {
    byte[] out = new byte[length];
    int bits = 0;
    int acc = 0;
    int o = 0;
    for (int i = 0; i < text.length() && o < length; i++) {
      acc = (acc << 6) | ALPHABET.indexOf(text.charAt(i));
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        out[o++] = (byte) (acc >> bits);
      }
    }
    return out;
  }
}
