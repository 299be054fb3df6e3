package dev.forma.emulator.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.forma.emulator.api.Json;
import java.util.Map;
import java.util.TreeMap;

/** Per API action: how many calls arrived (signature accepted) and how many ran. */
final class Stats {
  private final Map<String, long[]> counts = new TreeMap<>();

  synchronized void received(String action) {
    counts.computeIfAbsent(action, a -> new long[2])[0]++;
  }

  synchronized void executed(String action) {
    counts.computeIfAbsent(action, a -> new long[2])[1]++;
  }

  synchronized ObjectNode toJson() {
    ObjectNode out = Json.MAPPER.createObjectNode();
    ObjectNode actions = out.putObject("actions");
    counts.forEach(
        (a, c) -> {
          ObjectNode o = actions.putObject(a);
          o.put("received", c[0]);
          o.put("executed", c[1]);
        });
    return out;
  }

  synchronized void clear() {
    counts.clear();
  }
}
