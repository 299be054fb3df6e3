package dev.forma.engine.functions;

import static dev.forma.provider.api.value.Type.NUMBER;
import static dev.forma.provider.api.value.Type.STRING;

import dev.forma.provider.api.value.Type;
import dev.forma.provider.api.value.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** cidrhost, cidrnetmask, cidrsubnet, cidrsubnets: Terraform's IP network arithmetic. */
final class NetworkFunctions {
  private NetworkFunctions() {}

  /** Go's nil network (prints as {@code <nil>}), where its arithmetic ends up out of range. */
  private static final GoIp.Network NIL = new GoIp.Network(new byte[0], null);

  static List<Builtin> all() {
    return List.of(
        Builtin.named("cidrhost")
            .param("prefix", STRING)
            .param("hostnum", NUMBER)
            .returns(STRING)
            .body(NetworkFunctions::cidrhost),
        Builtin.named("cidrnetmask")
            .param("prefix", STRING)
            .returns(STRING)
            .body(NetworkFunctions::cidrnetmask),
        Builtin.named("cidrsubnet")
            .param("prefix", STRING)
            .param("newbits", NUMBER)
            .param("netnum", NUMBER)
            .returns(STRING)
            .body(NetworkFunctions::cidrsubnet),
        Builtin.named("cidrsubnets")
            .param("prefix", STRING)
            .variadic(Param.of("newbits", NUMBER))
            .returns(Type.list(STRING))
            .body(NetworkFunctions::cidrsubnets));
  }

  private static GoIp.Network network(String prefix) throws FunctionException {
    GoIp.Network n = GoIp.parseCidr(prefix);
    if (n == null) {
      throw new FunctionException("invalid CIDR expression: invalid CIDR address: " + prefix);
    }
    return n;
  }

  /** A whole number of any size, or Terraform's "value must be a whole number". */
  private static BigInteger whole(BigDecimal n) throws FunctionException {
    try {
      return n.toBigIntegerExact();
    } catch (ArithmeticException e) {
      throw new FunctionException("value must be a whole number");
    }
  }

  /** A whole number in the int64 range, or Terraform's message for it. */
  private static long int64(BigDecimal n) throws FunctionException {
    Long l = Values.toLong(n);
    if (l == null) {
      throw new FunctionException(Values.WHOLE_NUMBER);
    }
    return l;
  }

  private static Value cidrhost(CallArgs a) throws FunctionException {
    BigInteger hostnum = whole(a.number(1));
    GoIp.Network n = network(a.string(0));
    int parentLen = n.prefixLength();
    int addrLen = n.bits();
    BigInteger max = BigInteger.ONE.shiftLeft(addrLen - parentLen).subtract(BigInteger.ONE);
    // go-cidr: a negative number counts back from the end of the range
    BigInteger num = hostnum;
    BigInteger magnitude = BigInteger.valueOf(GoIp.uint64(num).longValue());
    if (num.signum() < 0) {
      magnitude = num.negate().subtract(BigInteger.ONE);
      num = max.subtract(magnitude);
    }
    if (magnitude.compareTo(max) > 0) {
      throw new FunctionException(
          "prefix of " + parentLen + " does not accommodate a host numbered " + num);
    }
    int bitLength = GoIp.to4(n.ip()) != null ? 32 : 128;
    byte[] ip = GoIp.insertNumIntoIp(n.ip(), num, bitLength);
    if (ip == null) {
      throw new FunctionException(
          "prefix of " + parentLen + " does not accommodate a host numbered " + num);
    }
    return Value.of(GoIp.format(ip));
  }

  private static Value cidrnetmask(CallArgs a) throws FunctionException {
    GoIp.Network n = network(a.string(0));
    if (GoIp.to4(n.ip()) == null) {
      throw new FunctionException("IPv6 addresses cannot have a netmask: " + a.string(0));
    }
    return Value.of(GoIp.format(n.mask()));
  }

  private static Value cidrsubnet(CallArgs a) throws FunctionException {
    long newbits = int64(a.number(1));
    BigInteger netnum = whole(a.number(2));
    GoIp.Network n = network(a.string(0));
    int parentLen = n.prefixLength();
    int addrLen = n.bits();
    if (newbits > addrLen - parentLen) {
      throw new FunctionException(
          "insufficient address space to extend prefix of " + parentLen + " by " + newbits);
    }
    // go-cidr compares the low 64 bits of |netnum| with 2^newbits - 1 computed in 64 bits
    BigInteger max =
        newbits >= 0 && newbits < 64
            ? BigInteger.ONE.shiftLeft((int) newbits).subtract(BigInteger.ONE)
            : BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    String tooLarge =
        "prefix extension of " + newbits + " does not accommodate a subnet numbered " + netnum;
    if (GoIp.uint64(netnum).compareTo(max) > 0 || parentLen + newbits < -addrLen) {
      throw new FunctionException(tooLarge);
    }
    int newLen = (int) (parentLen + newbits);
    byte[] ip = GoIp.insertNumIntoIp(n.ip(), netnum, newLen);
    if (ip == null) {
      throw new FunctionException(tooLarge);
    }
    return Value.of(new GoIp.Network(ip, GoIp.cidrMask(newLen, addrLen)).toString());
  }

  private static Value cidrsubnets(CallArgs a) throws FunctionException {
    String prefix = a.string(0);
    GoIp.Network network = GoIp.parseCidr(prefix);
    if (network == null) {
      throw new FunctionException(
          0, "prefix", "invalid CIDR expression: invalid CIDR address: " + prefix);
    }
    int start = network.prefixLength();
    List<Value> lengths = a.from(1);
    if (lengths.isEmpty()) {
      return Value.list(STRING, List.of());
    }
    int addressBits = network.ip().length * 8;
    int first = argInt(lengths.get(0), 1) + start;
    GoIp.Network current = previousSubnet(network, first);
    List<Value> out = new ArrayList<>();
    for (int i = 0; i < lengths.size(); i++) {
      int length = argInt(lengths.get(i), i + 1);
      if (length < 1) {
        throw new FunctionException(i + 1, "newbits", "must extend prefix by at least one bit");
      }
      if (length > 32) {
        throw new FunctionException(i + 1, "newbits", "may not extend prefix by more than 32 bits");
      }
      length += start;
      if (length > addressBits) {
        String protocol = addressBits == 32 ? "IPv4" : addressBits == 128 ? "IPv6" : "IP";
        throw new FunctionException(
            i + 1,
            "newbits",
            "would extend prefix to "
                + length
                + " bits, which is too long for an "
                + protocol
                + " address");
      }
      GoIp.Network next = nextSubnet(current, length);
      if (next == null || !network.contains(next.ip())) {
        throw new FunctionException(
            i + 1,
            "newbits",
            "not enough remaining address space for a subnet with a prefix of "
                + length
                + " bits after "
                + current);
      }
      current = next;
      out.add(Value.of(current.toString()));
    }
    return Value.list(STRING, out);
  }

  private static int argInt(Value v, int index) throws FunctionException {
    Long l = Values.toLong(Values.num(v));
    if (l == null) {
      throw new FunctionException(index, "newbits", Values.WHOLE_NUMBER);
    }
    return (int) Math.max(Integer.MIN_VALUE / 2, Math.min(Integer.MAX_VALUE / 2, l));
  }

  /** The subnet of {@code prefixLen} just below the start of {@code network}. */
  private static GoIp.Network previousSubnet(GoIp.Network network, int prefixLen) {
    byte[] start = GoIp.to4(network.ip()) != null ? GoIp.to4(network.ip()) : network.ip();
    byte[] mask = GoIp.cidrMask(prefixLen, start.length * 8);
    if (mask == null) {
      return NIL; // as Go's nil network: nothing follows it
    }
    return new GoIp.Network(GoIp.mask(GoIp.decrement(start), mask), mask);
  }

  /** The subnet of {@code prefixLen} just after {@code network}; null when addresses roll over. */
  private static GoIp.Network nextSubnet(GoIp.Network network, int prefixLen) {
    if (network.mask() == null) {
      return NIL;
    }
    byte[] last = GoIp.lastAddress(network);
    byte[] mask = GoIp.cidrMask(prefixLen, last.length * 8);
    GoIp.Network covering = new GoIp.Network(GoIp.mask(last, mask), mask);
    byte[] next = GoIp.increment(GoIp.lastAddress(covering));
    if (GoIp.isZero(next)) {
      return null;
    }
    return new GoIp.Network(GoIp.mask(next, mask), mask);
  }
}
