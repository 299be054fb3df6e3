package dev.forma.engine.render;

import com.fasterxml.jackson.databind.JsonNode;
import dev.forma.engine.plan.Action;
import java.util.Objects;

/**
 * One value's change as the diff sees it: before and after as JSON (Java null for null or absent;
 * {@code explicit} tells a null that is there from one that is not), the unknown and sensitive
 * masks, and the replace and relevance paths at this point of the value.
 */
record Change(
    JsonNode before,
    JsonNode after,
    boolean beforeExplicit,
    boolean afterExplicit,
    JsonNode unknown,
    JsonNode beforeSensitive,
    JsonNode afterSensitive,
    PathMatcher replace,
    PathMatcher relevant) {

  Change {
    before = nil(before);
    after = nil(after);
  }

  static JsonNode nil(JsonNode n) {
    return n == null || n.isNull() || n.isMissingNode() ? null : n;
  }

  static boolean isTrue(JsonNode n) {
    return n != null && n.isBoolean() && n.booleanValue();
  }

  boolean isUnknown() {
    return isTrue(unknown);
  }

  boolean isBeforeSensitive() {
    return isTrue(beforeSensitive);
  }

  boolean isAfterSensitive() {
    return isTrue(afterSensitive);
  }

  Action calculateAction() {
    if (before == null && !beforeExplicit && (after != null || afterExplicit)) {
      return Action.CREATE;
    }
    if (after == null && !afterExplicit && (before != null || beforeExplicit)) {
      return Action.DELETE;
    }
    if (Objects.equals(before, after)
        && afterExplicit == beforeExplicit
        && isAfterSensitive() == isBeforeSensitive()) {
      return Action.NO_OP;
    }
    return Action.UPDATE;
  }

  Action defaultActionForIteration() {
    if (before == null && after == null) {
      return Action.NO_OP;
    }
    if (before == null) {
      return Action.CREATE;
    }
    if (after == null) {
      return Action.DELETE;
    }
    return Action.NO_OP;
  }

  Change withExplicit(boolean b, boolean a) {
    return new Change(
        before, after, b, a, unknown, beforeSensitive, afterSensitive, replace, relevant);
  }

  Change withoutSensitivity() {
    return new Change(
        before, after, beforeExplicit, afterExplicit, unknown, null, null, replace, relevant);
  }

  Change withUnknown(JsonNode u) {
    return new Change(
        before,
        after,
        beforeExplicit,
        afterExplicit,
        u,
        beforeSensitive,
        afterSensitive,
        replace,
        relevant);
  }

  Change withValues(JsonNode b, JsonNode a) {
    return new Change(
        b,
        a,
        beforeExplicit,
        afterExplicit,
        unknown,
        beforeSensitive,
        afterSensitive,
        replace,
        relevant);
  }

  Change asNoOp() {
    return new Change(
        before,
        before,
        beforeExplicit,
        beforeExplicit,
        null,
        beforeSensitive,
        beforeSensitive,
        replace,
        relevant);
  }

  Change asDelete() {
    return new Change(
        before, null, beforeExplicit, false, null, beforeSensitive, null, replace, relevant);
  }

  Change asCreate() {
    return new Change(
        null, after, false, afterExplicit, unknown, null, afterSensitive, replace, relevant);
  }

  /** The change of the attribute or map element {@code key}. */
  Change child(String key) {
    return new Change(
        field(before, key),
        field(after, key),
        before != null && before.isObject() && before.has(key),
        after != null && after.isObject() && after.has(key),
        field(unknown, key),
        field(beforeSensitive, key),
        field(afterSensitive, key),
        replace.key(key),
        relevant.key(key));
  }

  /** The change between element {@code b} of before and element {@code a} of after. */
  Change child(int b, int a) {
    int relevantIx = b < 0 || before == null || !before.isArray() || b >= before.size() ? a : b;
    return new Change(
        element(before, b),
        element(after, a),
        inRange(before, b),
        inRange(after, a),
        element(unknown, a),
        element(beforeSensitive, b),
        element(afterSensitive, a),
        replace.index(relevantIx),
        relevant.index(relevantIx));
  }

  private static JsonNode field(JsonNode n, String key) {
    return n != null && n.isObject() ? n.get(key) : null;
  }

  private static JsonNode element(JsonNode n, int ix) {
    return inRange(n, ix) ? n.get(ix) : null;
  }

  private static boolean inRange(JsonNode n, int ix) {
    return n != null && n.isArray() && ix >= 0 && ix < n.size();
  }

  int beforeSize() {
    return before != null && before.isArray() ? before.size() : 0;
  }

  int afterSize() {
    return after != null && after.isArray() ? after.size() : 0;
  }
}
