package dev.forma.provider.api.value;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * Terraform's number arithmetic: each operand and each result is rounded to a binary floating-point
 * number with a 512-bit mantissa (round half to even), and a result is kept as the shortest decimal
 * that rounds back to the same binary number, which is also what Terraform prints ({@code 1/3} is
 * {@code 0.333…335} with 155 digits, {@code 0.1 + 0.2} is {@code 0.3}).
 */
final class Float512 {
  static final int PRECISION = 512;

  private Float512() {}

  /** {@code x} rounded to the nearest 512-bit binary number, as an exact decimal. */
  static BigDecimal round(BigDecimal x) {
    if (x.signum() == 0) {
      return BigDecimal.ZERO;
    }
    if (isSmallInteger(x)) {
      return x;
    }
    BigInteger[] r = rational(x);
    return round(r[0], r[1]).toDecimal();
  }

  /** The exact result of an operation, rounded, then written as its shortest decimal. */
  static BigDecimal result(BigDecimal exact) {
    if (exact.signum() == 0) {
      return BigDecimal.ZERO;
    }
    if (isSmallInteger(exact)) {
      return exact.stripTrailingZeros().setScale(0);
    }
    BigInteger[] r = rational(exact);
    return shortest(round(r[0], r[1]));
  }

  /** {@code num / den} rounded and written as its shortest decimal; {@code den} is not zero. */
  static BigDecimal quotient(BigDecimal num, BigDecimal den) {
    BigInteger[] a = rational(num);
    BigInteger[] b = rational(den);
    BigInteger n = a[0].multiply(b[1]);
    BigInteger d = a[1].multiply(b[0]);
    if (d.signum() < 0) {
      n = n.negate();
      d = d.negate();
    }
    if (n.signum() == 0) {
      return BigDecimal.ZERO;
    }
    return shortest(round(n, d));
  }

  /**
   * True for a whole number below 2^256 in magnitude: exactly representable with a 512-bit
   * mantissa, and with an ulp far below 1, so it is its own shortest decimal. The common case
   * (counts, indexes, sizes) then skips the big-integer rounding altogether.
   */
  private static boolean isSmallInteger(BigDecimal x) {
    if (x.scale() <= 0) {
      return x.precision() - x.scale() <= 77;
    }
    BigDecimal s = x.stripTrailingZeros();
    return s.scale() <= 0 && s.precision() - s.scale() <= 77;
  }

  /** A binary number {@code mantissa * 2^exponent}, the mantissa exactly 512 bits long. */
  private record Binary(BigInteger mantissa, int exponent) {
    BigDecimal toDecimal() {
      return exact(mantissa, exponent);
    }
  }

  private static BigDecimal exact(BigInteger m, int exponent) {
    if (exponent >= 0) {
      return new BigDecimal(m.shiftLeft(exponent));
    }
    return new BigDecimal(m.multiply(BigInteger.valueOf(5).pow(-exponent)), -exponent);
  }

  /** {@code x} as numerator and positive denominator. */
  private static BigInteger[] rational(BigDecimal x) {
    if (x.scale() <= 0) {
      return new BigInteger[] {x.toBigIntegerExact(), BigInteger.ONE};
    }
    return new BigInteger[] {x.unscaledValue(), BigInteger.TEN.pow(x.scale())};
  }

  /** {@code n / d} (d positive, n not zero) rounded half-even to a 512-bit mantissa. */
  private static Binary round(BigInteger n, BigInteger d) {
    boolean negative = n.signum() < 0;
    BigInteger an = n.abs();
    int shift = PRECISION - (an.bitLength() - d.bitLength());
    BigInteger[] qr = scaled(an, d, shift);
    if (qr[0].bitLength() > PRECISION) {
      shift--;
      qr = scaled(an, d, shift);
    } else if (qr[0].bitLength() < PRECISION) {
      shift++;
      qr = scaled(an, d, shift);
    }
    BigInteger q = qr[0];
    BigInteger rem = qr[1];
    BigInteger den = shift >= 0 ? d : d.shiftLeft(-shift);
    int cmp = rem.shiftLeft(1).compareTo(den);
    if (cmp > 0 || (cmp == 0 && q.testBit(0))) {
      q = q.add(BigInteger.ONE);
      if (q.bitLength() > PRECISION) {
        q = q.shiftRight(1);
        shift--;
      }
    }
    return new Binary(negative ? q.negate() : q, -shift);
  }

  /** Quotient and remainder of {@code n * 2^shift / d}. */
  private static BigInteger[] scaled(BigInteger n, BigInteger d, int shift) {
    if (shift >= 0) {
      return n.shiftLeft(shift).divideAndRemainder(d);
    }
    return n.divideAndRemainder(d.shiftLeft(-shift));
  }

  /**
   * The decimal with the fewest significant digits that rounds back to {@code b}; among those of
   * that length the nearest to {@code b}.
   */
  private static BigDecimal shortest(Binary b) {
    BigInteger m = b.mantissa().abs();
    boolean negative = b.mantissa().signum() < 0;
    // The rounding interval: halfway to the neighbours. Work with mantissa*4 to keep it integral.
    BigInteger m4 = m.shiftLeft(2);
    BigInteger lowGap =
        m.equals(BigInteger.ONE.shiftLeft(PRECISION - 1)) ? BigInteger.ONE : BigInteger.TWO;
    BigDecimal value = exact(m, b.exponent());
    BigDecimal lower = exact(m4.subtract(lowGap), b.exponent() - 2);
    BigDecimal upper = exact(m4.add(BigInteger.TWO), b.exponent() - 2);
    boolean inclusive = !m.testBit(0);
    int digits = value.precision();
    for (int n = 1; n < digits; n++) {
      BigDecimal nearest = value.round(new java.math.MathContext(n, RoundingMode.HALF_EVEN));
      BigDecimal chosen = null;
      if (inside(nearest, lower, upper, inclusive)) {
        chosen = nearest;
      } else {
        BigDecimal down = value.round(new java.math.MathContext(n, RoundingMode.DOWN));
        BigDecimal up = value.round(new java.math.MathContext(n, RoundingMode.UP));
        if (inside(down, lower, upper, inclusive)) {
          chosen = down;
        } else if (inside(up, lower, upper, inclusive)) {
          chosen = up;
        }
      }
      if (chosen != null) {
        return negative ? chosen.negate() : chosen;
      }
    }
    return negative ? value.negate() : value;
  }

  private static boolean inside(
      BigDecimal x, BigDecimal lower, BigDecimal upper, boolean inclusive) {
    int lo = x.compareTo(lower);
    int hi = x.compareTo(upper);
    return inclusive ? lo >= 0 && hi <= 0 : lo > 0 && hi < 0;
  }
}
