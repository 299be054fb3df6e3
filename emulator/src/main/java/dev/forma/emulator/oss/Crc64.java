package dev.forma.emulator.oss;

/**
 * CRC-64/ECMA-182 as OSS reports it in {@code x-oss-hash-crc64ecma} (the reflected polynomial
 * {@code 0xC96C5795D7870F42}, all bits inverted before and after: Go's {@code crc64.ECMA}, which
 * the OSS SDKs compare with what they sent or received).
 */
public final class Crc64 {
  private static final long POLY = 0xC96C5795D7870F42L;
  private static final long[] TABLE = new long[256];

  static {
    for (int i = 0; i < 256; i++) {
      long crc = i;
      for (int j = 0; j < 8; j++) {
        crc = (crc & 1) != 0 ? (crc >>> 1) ^ POLY : crc >>> 1;
      }
      TABLE[i] = crc;
    }
  }

  private Crc64() {}

  /** The CRC of {@code bytes}, as an unsigned 64-bit value in a long. */
  public static long of(byte[] bytes) {
    long crc = ~0L;
    for (byte b : bytes) {
      crc = TABLE[(int) ((crc ^ b) & 0xff)] ^ (crc >>> 8);
    }
    return ~crc;
  }
}
