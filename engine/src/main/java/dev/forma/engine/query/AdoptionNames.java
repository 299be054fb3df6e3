package dev.forma.engine.query;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Resource names for adopted objects: valid HCL identifiers, from the object's own name, so that
 * the same object gets the same name whenever it is discovered. Lower case, with every run of
 * characters other than letters and digits made one underscore ({@code "Vectors 42"} becomes {@code
 * vectors_42}); a name that would not start with a letter gets the type's last word before it
 * ({@code connection_42}); an object with no usable name is named by that word and its ID ({@code
 * model_42}). Names that clash (two objects, or a name the configuration or state already has) take
 * their object's ID as a suffix, which no listing order changes.
 */
public final class AdoptionNames {
  private AdoptionNames() {}

  /** An object to name: its ID and its own name (null when it has none). */
  public record Named(String id, String name) {}

  /**
   * The resource name of each object of one resource type {@code type}, by ID; {@code taken} says
   * which names the configuration, the state or their variables already use.
   */
  public static Map<String, String> assign(
      String type, List<Named> objects, Predicate<String> taken) {
    Map<String, List<Named>> byBase = new LinkedHashMap<>();
    for (Named o : objects) {
      byBase.computeIfAbsent(base(type, o), k -> new ArrayList<>()).add(o);
    }
    Map<String, String> out = new LinkedHashMap<>();
    Set<String> used = new HashSet<>();
    Map<String, Named> suffixed = new HashMap<>();
    byBase.forEach(
        (base, group) -> {
          if (group.size() == 1 && !taken.test(base)) {
            out.put(group.get(0).id(), base);
            used.add(base);
          } else {
            group.forEach(o -> suffixed.put(o.id(), o));
          }
        });
    suffixed.keySet().stream()
        .sorted()
        .forEach(
            id -> {
              String name = base(type, suffixed.get(id)) + "_" + identifier(id);
              String candidate = name;
              for (int n = 2; used.contains(candidate) || taken.test(candidate); n++) {
                candidate = name + "_" + n;
              }
              out.put(id, candidate);
              used.add(candidate);
            });
    return out;
  }

  /** The name an object gets when nothing clashes with it. */
  static String base(String type, Named o) {
    String word = type.substring(type.lastIndexOf('_') + 1);
    String s = identifier(o.name() == null ? "" : o.name());
    if (s.isEmpty()) {
      String id = identifier(o.id());
      return id.isEmpty() ? word : word + "_" + id;
    }
    return Character.isLetter(s.charAt(0)) ? s : word + "_" + s;
  }

  /** {@code text} in lower case, each run of other characters than a-z and 0-9 one underscore. */
  static String identifier(String text) {
    String s = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
    int from = 0;
    int to = s.length();
    while (from < to && s.charAt(from) == '_') {
      from++;
    }
    while (to > from && s.charAt(to - 1) == '_') {
      to--;
    }
    return s.substring(from, to);
  }
}
