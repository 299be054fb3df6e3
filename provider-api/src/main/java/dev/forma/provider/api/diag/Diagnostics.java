package dev.forma.provider.api.diag;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * An ordered, growable collection of diagnostics. Stages append to one as they go and return it
 * beside their (possibly partial) result; nothing here throws.
 */
public final class Diagnostics implements Iterable<Diagnostic> {
  private final List<Diagnostic> items = new ArrayList<>();

  public Diagnostics() {}

  public static Diagnostics of(Diagnostic... ds) {
    Diagnostics out = new Diagnostics();
    for (Diagnostic d : ds) {
      out.add(d);
    }
    return out;
  }

  public Diagnostics add(Diagnostic d) {
    items.add(d);
    return this;
  }

  public Diagnostics addAll(Iterable<Diagnostic> ds) {
    for (Diagnostic d : ds) {
      items.add(d);
    }
    return this;
  }

  public Diagnostics error(String summary, String detail, Range subject) {
    return add(Diagnostic.error(summary, detail, subject));
  }

  public Diagnostics warning(String summary, String detail, Range subject) {
    return add(Diagnostic.warning(summary, detail, subject));
  }

  public boolean hasErrors() {
    for (Diagnostic d : items) {
      if (d.isError()) {
        return true;
      }
    }
    return false;
  }

  public int errorCount() {
    return (int) items.stream().filter(Diagnostic::isError).count();
  }

  public boolean isEmpty() {
    return items.isEmpty();
  }

  public int size() {
    return items.size();
  }

  public List<Diagnostic> asList() {
    return Collections.unmodifiableList(items);
  }

  @Override
  public Iterator<Diagnostic> iterator() {
    return asList().iterator();
  }

  @Override
  public String toString() {
    return items.toString();
  }
}
