package dev.forma.cli.reconcile;

import java.time.Instant;

/**
 * One decision of the controller, as it logs it (one JSON line), shows it and sends it: when, for
 * which commit (null before the first fetch), the event (a word: {@code applied}, {@code refused},
 * {@code drift}, ...) and a sentence for people.
 */
record Decision(Instant time, String revision, String event, String summary) {}
