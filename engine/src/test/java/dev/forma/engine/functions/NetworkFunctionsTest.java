package dev.forma.engine.functions;

import static dev.forma.engine.functions.F.err;
import static dev.forma.engine.functions.F.n;
import static dev.forma.engine.functions.F.ok;
import static dev.forma.engine.functions.F.s;
import static dev.forma.engine.functions.F.strs;

import org.junit.jupiter.api.Test;

/** cidrhost, cidrnetmask, cidrsubnet, cidrsubnets: results and errors as Terraform 1.11.4's. */
class NetworkFunctionsTest {

  @Test
  void cidrhostNumbersHostsFromEitherEndOfTheRange() {
    ok(s("10.12.112.16"), "cidrhost", s("10.12.112.0/20"), n(16));
    ok(s("10.12.113.12"), "cidrhost", s("10.12.112.0/20"), n(268));
    ok(s("10.12.127.255"), "cidrhost", s("10.12.112.0/20"), n(-1));
    ok(s("fd00:fd12:3456:7890::22"), "cidrhost", s("fd00:fd12:3456:7890:00a2::/72"), n(34));
    // the address is masked first, and IPv4 parts may have leading zeros (read as decimal)
    ok(s("10.0.0.1"), "cidrhost", s("10.1.2.3/8"), n(1));
    ok(s("10.0.0.1"), "cidrhost", s("010.0.0.0/8"), n(1));
  }

  @Test
  void cidrhostRefusesHostsOutsideThePrefix() {
    err(
        "Call to function \"cidrhost\" failed: prefix of 20 does not accommodate a host numbered"
            + " 4096.",
        "cidrhost",
        s("10.12.112.0/20"),
        n(4096));
    err(
        "Call to function \"cidrhost\" failed: prefix of 20 does not accommodate a host numbered"
            + " -1.",
        "cidrhost",
        s("10.12.112.0/20"),
        n(-4097));
    err(
        "Call to function \"cidrhost\" failed: value must be a whole number.",
        "cidrhost",
        s("10.0.0.0/8"),
        n("1.5"));
    err(
        "Call to function \"cidrhost\" failed: invalid CIDR expression: invalid CIDR address:"
            + " 10.0.0.256/8.",
        "cidrhost",
        s("10.0.0.256/8"),
        n(1));
    err(
        "Call to function \"cidrhost\" failed: invalid CIDR expression: invalid CIDR address:"
            + " 10.0.0.0.",
        "cidrhost",
        s("10.0.0.0"),
        n(1));
  }

  @Test
  void cidrnetmaskIsForIpv4Only() {
    ok(s("255.240.0.0"), "cidrnetmask", s("172.16.0.0/12"));
    ok(s("0.0.0.0"), "cidrnetmask", s("10.0.0.0/0"));
    ok(s("255.255.255.255"), "cidrnetmask", s("10.0.0.0/32"));
    ok(s("255.255.255.128"), "cidrnetmask", s("10.0.0.0/25"));
    err(
        "Call to function \"cidrnetmask\" failed: IPv6 addresses cannot have a netmask:"
            + " fd00::/64.",
        "cidrnetmask",
        s("fd00::/64"));
  }

  @Test
  void cidrsubnetExtendsThePrefix() {
    ok(s("172.18.0.0/16"), "cidrsubnet", s("172.16.0.0/12"), n(4), n(2));
    ok(s("10.1.2.240/28"), "cidrsubnet", s("10.1.2.0/24"), n(4), n(15));
    ok(
        s("fd00:fd12:3456:7800:a200::/72"),
        "cidrsubnet",
        s("fd00:fd12:3456:7890::/56"),
        n(16),
        n(162));
    ok(s("10.0.0.0/8"), "cidrsubnet", s("10.0.0.0/8"), n(0), n(0));
    ok(s("fd00::/108"), "cidrsubnet", s("fd00::/8"), n(100), n(0));
    // go-cidr's arithmetic, kept: a negative extension shortens the prefix, and a negative
    // network number is taken by its magnitude
    ok(s("10.0.0.0/7"), "cidrsubnet", s("10.0.0.0/8"), n(-1), n(0));
    ok(s("0.16.0.0/12"), "cidrsubnet", s("10.0.0.0/8"), n(4), n(-1));
  }

  @Test
  void cidrsubnetSaysWhatDoesNotFit() {
    err(
        "Call to function \"cidrsubnet\" failed: insufficient address space to extend prefix of"
            + " 30 by 4.",
        "cidrsubnet",
        s("10.0.0.0/30"),
        n(4),
        n(1));
    err(
        "Call to function \"cidrsubnet\" failed: insufficient address space to extend prefix of"
            + " 8 by 33.",
        "cidrsubnet",
        s("10.0.0.0/8"),
        n(33),
        n(0));
    err(
        "Call to function \"cidrsubnet\" failed: prefix extension of 4 does not accommodate a"
            + " subnet numbered 16.",
        "cidrsubnet",
        s("10.0.0.0/8"),
        n(4),
        n(16));
    err(
        "Call to function \"cidrsubnet\" failed: value must be a whole number, between"
            + " -9223372036854775808 and 9223372036854775807.",
        "cidrsubnet",
        s("10.0.0.0/8"),
        n("2.5"),
        n(1));
  }

  @Test
  void cidrsubnetsAllocatesConsecutiveSubnets() {
    ok(
        strs("10.1.0.0/20", "10.1.16.0/20", "10.1.32.0/24", "10.1.48.0/20"),
        "cidrsubnets",
        s("10.1.0.0/16"),
        n(4),
        n(4),
        n(8),
        n(4));
    ok(
        strs(
            "fd00:fd12:3456:7800::/72",
            "fd00:fd12:3456:7800:100::/72",
            "fd00:fd12:3456:7800:200::/72",
            "fd00:fd12:3456:7800:300::/88"),
        "cidrsubnets",
        s("fd00:fd12:3456:7890::/56"),
        n(16),
        n(16),
        n(16),
        n(32));
    ok(strs("10.1.0.0/24", "10.1.16.0/20"), "cidrsubnets", s("10.1.0.0/16"), n(8), n(4));
    ok(strs(), "cidrsubnets", s("10.1.0.0/16"));
  }

  @Test
  void cidrsubnetsBlamesTheLengthThatDoesNotFit() {
    err(
        "Invalid value for \"newbits\" parameter: would extend prefix to 36 bits, which is too"
            + " long for an IPv4 address.",
        "cidrsubnets",
        s("10.1.0.0/16"),
        n(4),
        n(20));
    err(
        "Invalid value for \"newbits\" parameter: must extend prefix by at least one bit.",
        "cidrsubnets",
        s("10.1.0.0/16"),
        n(0));
    err(
        "Invalid value for \"newbits\" parameter: not enough remaining address space for a"
            + " subnet with a prefix of 17 bits after 10.1.128.0/17.",
        "cidrsubnets",
        s("10.1.0.0/16"),
        n(1),
        n(1),
        n(1));
    err(
        "Invalid value for \"newbits\" parameter: not enough remaining address space for a"
            + " subnet with a prefix of 112 bits after <nil>.",
        "cidrsubnets",
        s("::ffff:10.0.0.0/104"),
        n(8),
        n(8));
    err(
        "Invalid value for \"prefix\" parameter: invalid CIDR expression: invalid CIDR address:"
            + " bad.",
        "cidrsubnets",
        s("bad"),
        n(1));
  }
}
