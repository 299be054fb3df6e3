package dev.forma.engine.functions;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * IP addresses and CIDR prefixes as Terraform's {@code cidr*} functions read, compute and print
 * them: Go's {@code net} package (the variant Terraform keeps that reads leading zeros in IPv4
 * parts as decimal) and the subnet arithmetic of the {@code go-cidr} library. An address is 4 or 16
 * bytes, as in Go; an IPv4 address read from an IPv6 text (such as {@code ::ffff:10.0.0.1}) stays
 * 16 bytes and prints as IPv4, which is what gives Terraform's results for such inputs.
 */
final class GoIp {
  private static final int BIG = 0xFFFFFF;
  private static final byte[] V4_IN_V6_PREFIX = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1};

  private GoIp() {}

  /** A network: its address (masked) and mask, each 4 or 16 bytes. */
  record Network(byte[] ip, byte[] mask) {
    /** The prefix length, or -1 when the mask is not a prefix. */
    int prefixLength() {
      return simpleMaskLength(mask);
    }

    int bits() {
      return mask.length * 8;
    }

    @Override
    public String toString() {
      byte[] nn = to4(ip);
      if (nn == null) {
        nn = ip;
        if (nn.length != 16) {
          return "<nil>";
        }
      }
      byte[] m = mask;
      if (m == null) {
        return "<nil>";
      }
      if (m.length == 4) {
        if (nn.length != 4) {
          return "<nil>";
        }
      } else if (m.length == 16) {
        if (nn.length == 4) {
          m = Arrays.copyOfRange(m, 12, 16);
        }
      } else {
        return "<nil>";
      }
      int l = simpleMaskLength(m);
      if (l == -1) {
        return format(nn) + "/" + java.util.HexFormat.of().formatHex(m);
      }
      return format(nn) + "/" + l;
    }

    boolean contains(byte[] address) {
      byte[] nn = to4(ip) != null ? to4(ip) : ip;
      byte[] m = mask.length == 16 && nn.length == 4 ? Arrays.copyOfRange(mask, 12, 16) : mask;
      byte[] a = to4(address) != null ? to4(address) : address;
      if (a.length != nn.length || m.length != nn.length) {
        return false;
      }
      for (int i = 0; i < a.length; i++) {
        if ((nn[i] & m[i]) != (a[i] & m[i])) {
          return false;
        }
      }
      return true;
    }
  }

  /** The network of {@code s} (address/length), or null when it is not one Go reads. */
  static Network parseCidr(String s) {
    int slash = s.indexOf('/');
    if (slash < 0) {
      return null;
    }
    String addr = s.substring(0, slash);
    String maskText = s.substring(slash + 1);
    int iplen = 4;
    byte[] ip = parseIPv4(addr);
    if (ip == null) {
      iplen = 16;
      ip = parseIPv6(addr);
    }
    long[] n = decimal(maskText, 0);
    if (ip == null || n == null || n[1] != maskText.length() || n[0] > 8L * iplen) {
      return null;
    }
    byte[] m = cidrMask((int) n[0], 8 * iplen);
    return new Network(mask(ip, m), m);
  }

  /** Go's dtoi: the decimal number at {@code from} and where it ends, or null. */
  private static long[] decimal(String s, int from) {
    long n = 0;
    int i = from;
    for (; i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9'; i++) {
      n = n * 10 + (s.charAt(i) - '0');
      if (n >= BIG) {
        return null;
      }
    }
    return i == from ? null : new long[] {n, i};
  }

  /** Dotted IPv4 (leading zeros allowed), as a 16-byte IPv4-in-IPv6 address; or null. */
  static byte[] parseIPv4(String s) {
    byte[] p = new byte[4];
    int at = 0;
    for (int i = 0; i < 4; i++) {
      if (at >= s.length()) {
        return null;
      }
      if (i > 0) {
        if (s.charAt(at) != '.') {
          return null;
        }
        at++;
      }
      long[] n = decimal(s, at);
      if (n == null || n[0] > 0xFF) {
        return null;
      }
      p[i] = (byte) n[0];
      at = (int) n[1];
    }
    if (at != s.length()) {
      return null;
    }
    byte[] out = Arrays.copyOf(V4_IN_V6_PREFIX, 16);
    System.arraycopy(p, 0, out, 12, 4);
    return out;
  }

  /** Go's hexadecimal reader: the number at {@code from} and where it ends, or null. */
  private static long[] hex(String s, int from) {
    long n = 0;
    int i = from;
    for (; i < s.length(); i++) {
      int d = Character.digit(s.charAt(i), 16);
      if (d < 0 || s.charAt(i) > 'f') {
        break;
      }
      n = n * 16 + d;
      if (n >= BIG) {
        return null;
      }
    }
    return i == from ? null : new long[] {n, i};
  }

  /** IPv6 text with an optional {@code ::} and trailing dotted IPv4 part; or null. */
  static byte[] parseIPv6(String text) {
    byte[] ip = new byte[16];
    int ellipsis = -1;
    String s = text;
    if (s.length() >= 2 && s.charAt(0) == ':' && s.charAt(1) == ':') {
      ellipsis = 0;
      s = s.substring(2);
      if (s.isEmpty()) {
        return ip;
      }
    }
    int i = 0;
    while (i < 16) {
      long[] n = hex(s, 0);
      if (n == null || n[0] > 0xFFFF) {
        return null;
      }
      int c = (int) n[1];
      if (c < s.length() && s.charAt(c) == '.') {
        if (ellipsis < 0 && i != 12) {
          return null;
        }
        if (i + 4 > 16) {
          return null;
        }
        byte[] ip4 = parseIPv4(s);
        if (ip4 == null) {
          return null;
        }
        System.arraycopy(ip4, 12, ip, i, 4);
        s = "";
        i += 4;
        break;
      }
      ip[i] = (byte) (n[0] >> 8);
      ip[i + 1] = (byte) n[0];
      i += 2;
      s = s.substring(c);
      if (s.isEmpty()) {
        break;
      }
      if (s.charAt(0) != ':' || s.length() == 1) {
        return null;
      }
      s = s.substring(1);
      if (s.charAt(0) == ':') {
        if (ellipsis >= 0) {
          return null;
        }
        ellipsis = i;
        s = s.substring(1);
        if (s.isEmpty()) {
          break;
        }
      }
    }
    if (!s.isEmpty()) {
      return null;
    }
    if (i < 16) {
      if (ellipsis < 0) {
        return null;
      }
      int n = 16 - i;
      for (int j = i - 1; j >= ellipsis; j--) {
        ip[j + n] = ip[j];
      }
      for (int j = ellipsis + n - 1; j >= ellipsis; j--) {
        ip[j] = 0;
      }
    } else if (ellipsis >= 0) {
      return null;
    }
    return ip;
  }

  /** A mask of {@code ones} leading one bits out of {@code bits}; null when out of range. */
  static byte[] cidrMask(int ones, int bits) {
    if ((bits != 32 && bits != 128) || ones < 0 || ones > bits) {
      return null;
    }
    byte[] m = new byte[bits / 8];
    for (int i = 0; i < m.length; i++) {
      int take = Math.max(0, Math.min(8, ones - 8 * i));
      m[i] = (byte) (0xFF00 >> take);
    }
    return m;
  }

  /** The address masked, as Go's {@code IP.Mask}; null when the lengths do not fit. */
  static byte[] mask(byte[] ip, byte[] mask) {
    if (mask.length == 16 && ip.length == 4 && allFF(mask, 0, 12)) {
      mask = Arrays.copyOfRange(mask, 12, 16);
    }
    if (mask.length == 4 && ip.length == 16 && hasV4Prefix(ip)) {
      ip = Arrays.copyOfRange(ip, 12, 16);
    }
    if (ip.length != mask.length) {
      return null;
    }
    byte[] out = new byte[ip.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) (ip[i] & mask[i]);
    }
    return out;
  }

  private static boolean allFF(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != (byte) 0xFF) {
        return false;
      }
    }
    return true;
  }

  private static boolean hasV4Prefix(byte[] ip) {
    return Arrays.equals(ip, 0, 12, V4_IN_V6_PREFIX, 0, 12);
  }

  /** The 4-byte form of an IPv4 address (4 bytes, or 16 in IPv4-in-IPv6 form), else null. */
  static byte[] to4(byte[] ip) {
    if (ip.length == 4) {
      return ip;
    }
    if (ip.length == 16 && hasV4Prefix(ip)) {
      return Arrays.copyOfRange(ip, 12, 16);
    }
    return null;
  }

  /** The prefix length of a mask, or -1 when its ones are not contiguous from the left. */
  static int simpleMaskLength(byte[] mask) {
    int n = 0;
    for (int i = 0; i < mask.length; i++) {
      int v = mask[i] & 0xFF;
      if (v == 0xFF) {
        n += 8;
        continue;
      }
      while ((v & 0x80) != 0) {
        n++;
        v = (v << 1) & 0xFF;
      }
      if (v != 0) {
        return -1;
      }
      for (i++; i < mask.length; i++) {
        if (mask[i] != 0) {
          return -1;
        }
      }
      break;
    }
    return n;
  }

  /** An address as Go prints it: dotted IPv4, or RFC 5952 IPv6 with the longest zero run "::". */
  static String format(byte[] ip) {
    if (ip.length == 0) {
      return "<nil>";
    }
    byte[] p4 = to4(ip);
    if (p4 != null) {
      return (p4[0] & 0xFF) + "." + (p4[1] & 0xFF) + "." + (p4[2] & 0xFF) + "." + (p4[3] & 0xFF);
    }
    if (ip.length != 16) {
      return "?" + java.util.HexFormat.of().formatHex(ip);
    }
    int e0 = -1;
    int e1 = -1;
    for (int i = 0; i < 16; i += 2) {
      int j = i;
      while (j < 16 && ip[j] == 0 && ip[j + 1] == 0) {
        j += 2;
      }
      if (j > i && j - i > e1 - e0) {
        e0 = i;
        e1 = j;
        i = j;
      }
    }
    if (e1 - e0 <= 2) {
      e0 = -1;
      e1 = -1;
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 16; i += 2) {
      if (i == e0) {
        b.append("::");
        i = e1;
        if (i >= 16) {
          break;
        }
      } else if (i > 0) {
        b.append(':');
      }
      b.append(Integer.toHexString(((ip[i] & 0xFF) << 8) | (ip[i + 1] & 0xFF)));
    }
    return b.toString();
  }

  static BigInteger toInt(byte[] ip) {
    return new BigInteger(1, ip);
  }

  /**
   * The address of {@code bits} bits holding the magnitude of {@code value} (go-cidr packs the
   * absolute value's bytes into the end of the address); null when it does not fit.
   */
  static byte[] fromInt(BigInteger value, int bits) {
    byte[] mag = value.abs().toByteArray();
    int skip = 0;
    while (skip < mag.length - 1 && mag[skip] == 0) {
      skip++;
    }
    int len = mag.length - skip;
    if (value.signum() == 0) {
      len = 0;
    }
    byte[] out = new byte[bits / 8];
    if (len > out.length) {
      return null;
    }
    System.arraycopy(mag, mag.length - len, out, out.length - len, len);
    return out;
  }

  /** The low 64 bits of |x| as Go's {@code big.Int.Uint64} gives them, as an unsigned value. */
  static BigInteger uint64(BigInteger x) {
    return x.abs().and(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE));
  }

  /** {@code num} shifted into the network part of {@code ip} ending at {@code prefixLen}. */
  static byte[] insertNumIntoIp(byte[] ip, BigInteger num, int prefixLen) {
    int total = ip.length * 8;
    if (num.signum() == 0) {
      return ip.clone();
    }
    if (total - prefixLen > 2 * total) {
      return null; // far outside the address: go-cidr would fail too
    }
    BigInteger shifted = num.shiftLeft(total - prefixLen);
    return fromInt(toInt(ip).or(shifted), total);
  }

  /** The last address of a network. */
  static byte[] lastAddress(Network n) {
    int prefix = n.prefixLength();
    int bits = n.mask().length * 8;
    if (prefix == bits) {
      return n.ip().clone();
    }
    int total = n.ip().length * 8;
    BigInteger hostMask = BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE);
    return fromInt(toInt(n.ip()).or(hostMask), total);
  }

  static byte[] increment(byte[] ip) {
    byte[] out = ip.clone();
    for (int i = out.length - 1; i >= 0; i--) {
      out[i]++;
      if (out[i] != 0) {
        break;
      }
    }
    return out;
  }

  static byte[] decrement(byte[] ip) {
    byte[] out = ip.clone();
    for (int i = out.length - 1; i >= 0; i--) {
      out[i]--;
      if (out[i] != (byte) 0xFF) {
        break;
      }
    }
    return out;
  }

  static boolean isZero(byte[] ip) {
    byte[] v4 = to4(ip);
    byte[] b = v4 != null ? v4 : ip;
    for (byte x : b) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }
}
