package dev.forma.provider.alicloud.resource;

import dev.forma.engine.provider.ProviderDiagnostic;
import dev.forma.engine.provider.Requests;
import dev.forma.engine.value.Value;
import dev.forma.provider.alicloud.http.ApiException;
import dev.forma.provider.alicloud.support.Waiter;
import java.util.List;

/** Builds SPI responses from API errors and wait outcomes. */
final class Results {
  private Results() {}

  static Requests.ApplyResult applyFailed(ApiException e, String subject, Value partial) {
    return new Requests.ApplyResult(partial, null, List.of(e.error().toDiagnostic(subject)));
  }

  static Requests.ApplyResult applyFailed(ProviderDiagnostic d, Value partial) {
    return new Requests.ApplyResult(partial, null, List.of(d));
  }

  static Requests.ReadResult readFailed(ApiException e, String subject) {
    return new Requests.ReadResult(null, null, List.of(e.error().toDiagnostic(subject)));
  }

  static Requests.Diagnostics failed(ApiException e, String subject) {
    return new Requests.Diagnostics(List.of(e.error().toDiagnostic(subject)));
  }

  /** The diagnostic for a wait that did not reach its goal; null when it did. */
  static ProviderDiagnostic waitProblem(Waiter.Outcome<?> o, String subject, String goal) {
    return switch (o) {
      case Waiter.Outcome.Reached<?> r -> null;
      case Waiter.Outcome.Failed<?> f ->
          ProviderDiagnostic.error(f.summary(), subject + ": " + f.detail());
      case Waiter.Outcome.TimedOut<?> t ->
          ProviderDiagnostic.error(
              "Timed out waiting for " + subject,
              subject
                  + " did not become "
                  + goal
                  + " within "
                  + human(t.after())
                  + (t.lastStatus() == null ? "" : " (last seen: " + t.lastStatus() + ")")
                  + ". Raise the timeout in the resource's timeouts block if it needs longer.");
      case Waiter.Outcome.Interrupted<?> i ->
          ProviderDiagnostic.error(
              "Interrupted", "Stopped waiting for " + subject + ": interrupted.");
    };
  }

  static String human(java.time.Duration d) {
    long s = d.toSeconds();
    if (s % 3600 == 0 && s > 0) {
      return (s / 3600) + "h";
    }
    if (s % 60 == 0 && s > 0) {
      return (s / 60) + "m";
    }
    return s + "s";
  }
}
