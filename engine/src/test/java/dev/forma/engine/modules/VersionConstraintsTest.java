package dev.forma.engine.modules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Terraform's version constraint syntax, as its module installer applies it. */
class VersionConstraintsTest {

  static Stream<Arguments> table() {
    return Stream.of(
        // constraint, version, allowed
        Arguments.of("1.2.0", "1.2.0", true),
        Arguments.of("1.2", "1.2.0", true),
        Arguments.of("= 1.2.0", "1.2.1", false),
        Arguments.of("!= 1.2.0", "1.2.1", true),
        Arguments.of("!= 1.2.0", "1.2.0", false),
        Arguments.of("> 1.2.0", "1.2.0", false),
        Arguments.of(">1.2.0", "1.10.0", true),
        Arguments.of(">= 1.2.0", "1.2.0", true),
        Arguments.of("< 2.0.0", "1.99.99", true),
        Arguments.of("< 2.0.0", "2.0.0", false),
        Arguments.of("<= 2.0.0", "2.0.0", true),
        Arguments.of("~> 1.2", "1.9.0", true),
        Arguments.of("~> 1.2", "2.0.0", false),
        Arguments.of("~> 1.2", "1.1.9", false),
        Arguments.of("~> 1.2.3", "1.2.9", true),
        Arguments.of("~> 1.2.3", "1.3.0", false),
        // go-version: "~> 1" only keeps the version at or above 1
        Arguments.of("~> 1", "3.0.0", true),
        Arguments.of(">= 1.0, < 1.2", "1.1.5", true),
        Arguments.of(">= 1.0, < 1.2", "1.2.0", false),
        Arguments.of(" >= 1.0 ,< 1.2 ", "1.0.0", true),
        Arguments.of("v1.2.0", "1.2.0", true),
        // pre-releases only when the constraint names one of the same numbers
        Arguments.of(">= 1.0", "2.0.0-beta", false),
        Arguments.of("2.0.0-beta", "2.0.0-beta", true),
        Arguments.of(">= 2.0.0-alpha", "2.0.0-beta", true),
        Arguments.of(">= 2.0.0-alpha", "2.1.0-beta", false),
        Arguments.of(">= 2.0.0-alpha", "2.1.0", true),
        Arguments.of("~> 2.0.0-alpha", "2.0.1", false),
        Arguments.of("1.2.0", "1.2.0+build.5", true));
  }

  @ParameterizedTest(name = "{0} allows {1}: {2}")
  @MethodSource("table")
  void allowsAsTerraformDoes(String constraint, String version, boolean allowed) {
    VersionConstraints c = VersionConstraints.parse(constraint).orElseThrow();
    assertEquals(allowed, c.allows(Version.parse(version)));
  }

  @ParameterizedTest
  @MethodSource("invalid")
  void rejectsWhatIsNotConstraintSyntax(String text) {
    assertTrue(VersionConstraints.parse(text).isEmpty(), text);
  }

  static Stream<String> invalid() {
    return Stream.of("~> x", "", ">= 1.0,", "1.0 || 2.0", "=> 1.0", "latest", ">= 1.a");
  }

  @Test
  void picksTheNewestAllowedVersion() {
    List<Version> listed =
        Stream.of("1.0.0", "1.2.0", "1.10.0", "2.0.0", "1.11.0-rc1").map(Version::parse).toList();
    assertEquals(
        "1.10.0", VersionConstraints.parse("~> 1.0").orElseThrow().newest(listed).get().toString());
    assertEquals(
        "1.2.0",
        VersionConstraints.parse(">= 1.0, < 1.10").orElseThrow().newest(listed).get().toString());
    assertTrue(VersionConstraints.parse("> 5").orElseThrow().newest(listed).isEmpty());
  }

  @Test
  void ordersVersionsNumericallyWithPrereleasesFirst() {
    List<String> sorted =
        Stream.of("1.10.0", "1.2.0", "1.2.0-rc.10", "1.2.0-rc.2", "1.2.0-alpha", "1.2")
            .map(Version::parse)
            .sorted()
            .map(Version::toString)
            .toList();
    assertEquals(
        List.of("1.2.0-alpha", "1.2.0-rc.2", "1.2.0-rc.10", "1.2.0", "1.2.0", "1.10.0"), sorted);
  }
}
