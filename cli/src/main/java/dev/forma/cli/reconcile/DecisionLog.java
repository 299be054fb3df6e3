package dev.forma.cli.reconcile;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The controller's structured log: every decision as one JSON object on a line ({@code time},
 * {@code revision}, {@code event}, {@code summary}), after {@link Redactor}; listeners (status,
 * webhooks) get the same redacted decision.
 */
final class DecisionLog {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final PrintStream out;
  private final Clock clock;
  private final Redactor redactor;
  private final List<Consumer<Decision>> listeners = new ArrayList<>();

  DecisionLog(PrintStream out, Clock clock, Redactor redactor) {
    this.out = out;
    this.clock = clock;
    this.redactor = redactor;
  }

  void listen(Consumer<Decision> listener) {
    listeners.add(listener);
  }

  Redactor redactor() {
    return redactor;
  }

  Decision record(String revision, String event, String summary) {
    Decision d = new Decision(clock.instant(), revision, event, redactor.redact(summary));
    synchronized (out) {
      out.println(line(d));
      out.flush();
    }
    for (Consumer<Decision> l : listeners) {
      l.accept(d);
    }
    return d;
  }

  static String line(Decision d) {
    return node(d).toString();
  }

  static ObjectNode node(Decision d) {
    ObjectNode o = JSON.createObjectNode();
    o.put("time", d.time().toString());
    if (d.revision() == null) {
      o.putNull("revision");
    } else {
      o.put("revision", d.revision());
    }
    o.put("event", d.event());
    o.put("summary", d.summary());
    return o;
  }
}
