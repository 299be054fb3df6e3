package dev.forma.cli.reconcile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The last guard before text leaves the controller (logs, status, webhooks): masks the user part of
 * URLs ({@code https://user:token@host}) and every value of the environment that holds a secret (a
 * variable whose name says key, secret, token, password or connection string, and every {@code
 * TF_VAR_} value, as variables may be sensitive). What the controller writes is built from counts
 * and error summaries, which hold no value; this catches what a message might quote.
 */
final class Redactor {
  static final String MASK = "(redacted)";
  private static final Pattern USER_INFO = Pattern.compile("(?<=://)[^/@\\s]+@");
  private static final List<String> SECRET_WORDS =
      List.of("SECRET", "TOKEN", "PASSWORD", "PASSWD", "KEY", "CONN_STR", "CREDENTIAL");

  private final List<String> secrets;

  Redactor(List<String> secrets) {
    List<String> s = new ArrayList<>();
    for (String v : secrets) {
      if (v != null && v.length() >= 4) {
        s.add(v);
      }
    }
    s.sort(Comparator.comparingInt(String::length).reversed());
    this.secrets = List.copyOf(s);
  }

  /** The secrets of {@code env}, as the class comment says. */
  static Redactor of(Map<String, String> env) {
    List<String> values = new ArrayList<>();
    env.forEach(
        (name, value) -> {
          String n = name.toUpperCase(Locale.ROOT);
          if (n.startsWith("TF_VAR_") || SECRET_WORDS.stream().anyMatch(n::contains)) {
            values.add(value);
          }
        });
    return new Redactor(values);
  }

  String redact(String text) {
    if (text == null) {
      return null;
    }
    String t = USER_INFO.matcher(text).replaceAll(MASK + "@");
    for (String s : secrets) {
      t = t.replace(s, MASK);
    }
    return t;
  }
}
