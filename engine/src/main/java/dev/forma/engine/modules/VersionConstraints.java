package dev.forma.engine.modules;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A version constraint in Terraform's syntax ({@code ">= 1.2, < 2.0"}, {@code "~> 1.4"}): terms
 * separated by commas, all of which a version must satisfy. Operators: {@code =} (also no
 * operator), {@code !=}, {@code >}, {@code >=}, {@code <}, {@code <=} and {@code ~>}, which allows
 * the last number written to grow ({@code ~> 1.2} is {@code >= 1.2, < 2.0}; {@code ~> 1.2.3} is
 * {@code >= 1.2.3, < 1.3.0}).
 *
 * <p>Pre-releases, as Terraform's module installer treats them: a pre-release version satisfies a
 * term only when the term names a pre-release of the same numbers, so {@code >= 1.0} never picks
 * {@code 2.0.0-beta}; with {@code ~>}, a release and a pre-release never match each other.
 *
 * <p>This is the general constraint code of the engine: the module installer uses it for {@code
 * version}; {@code required_version} and {@code required_providers} can use it as they are.
 */
public final class VersionConstraints {
  /** The operators. */
  enum Op {
    EQ("="),
    NE("!="),
    GT(">"),
    GE(">="),
    LT("<"),
    LE("<="),
    PESSIMISTIC("~>");

    final String symbol;

    Op(String symbol) {
      this.symbol = symbol;
    }
  }

  /** One term: an operator and a version. */
  record Term(Op op, Version version) {
    boolean allows(Version v) {
      if (!prereleaseAllowed(v)) {
        return false;
      }
      int c = v.compareTo(version);
      return switch (op) {
        case EQ -> c == 0;
        case NE -> c != 0;
        case GT -> c > 0;
        case GE -> c >= 0;
        case LT -> c < 0;
        case LE -> c <= 0;
        case PESSIMISTIC -> pessimistic(v);
      };
    }

    private boolean prereleaseAllowed(Version v) {
      if (v.isPrerelease()) {
        return version.isPrerelease() && version.sameNumbers(v);
      }
      return op != Op.PESSIMISTIC || !version.isPrerelease();
    }

    private boolean pessimistic(Version v) {
      if (v.compareTo(version) < 0) {
        return false;
      }
      int n = version.specified();
      // every number written but the last stays the same; the last may grow
      for (int i = 0; i < n - 1; i++) {
        if (!v.segments().get(i).equals(version.segments().get(i))) {
          return false;
        }
      }
      return true;
    }

    @Override
    public String toString() {
      return op.symbol + " " + version;
    }
  }

  private static final Pattern TERM =
      Pattern.compile("\\s*(=|!=|>=|<=|>|<|~>)?\\s*(v?[0-9][0-9A-Za-z.+-]*)\\s*");

  private final String text;
  private final List<Term> terms;

  private VersionConstraints(String text, List<Term> terms) {
    this.text = text;
    this.terms = List.copyOf(terms);
  }

  /** The constraint {@code text} spells, or empty when it is not valid syntax. */
  public static Optional<VersionConstraints> parse(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    List<Term> terms = new ArrayList<>();
    for (String part : text.split(",", -1)) {
      Matcher m = TERM.matcher(part);
      if (!m.matches()) {
        return Optional.empty();
      }
      Version v = Version.parse(m.group(2));
      if (v == null) {
        return Optional.empty();
      }
      Op op = Op.EQ;
      for (Op o : Op.values()) {
        if (o.symbol.equals(m.group(1))) {
          op = o;
        }
      }
      terms.add(new Term(op, v));
    }
    return Optional.of(new VersionConstraints(text, terms));
  }

  /** Whether {@code v} satisfies every term. */
  public boolean allows(Version v) {
    for (Term t : terms) {
      if (!t.allows(v)) {
        return false;
      }
    }
    return true;
  }

  /** The newest of {@code versions} that satisfies the constraint, if any. */
  public Optional<Version> newest(Collection<Version> versions) {
    return versions.stream().filter(this::allows).max(Version::compareTo);
  }

  /** The constraint as written. */
  @Override
  public String toString() {
    return text;
  }
}
