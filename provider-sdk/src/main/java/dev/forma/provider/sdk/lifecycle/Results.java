package dev.forma.provider.sdk.lifecycle;

import dev.forma.provider.api.ProviderDiagnostic;
import dev.forma.provider.api.Requests;
import dev.forma.provider.api.value.Value;
import dev.forma.provider.sdk.http.ApiException;
import java.util.List;

/**
 * Builds SPI responses from API errors and wait outcomes, with the texts users see (the same for
 * every provider on the SDK).
 */
public final class Results {
  private Results() {}

  public static Requests.ApplyResult applyFailed(ApiException e, String subject, Value partial) {
    return new Requests.ApplyResult(partial, null, List.of(e.error().toDiagnostic(subject)));
  }

  public static Requests.ApplyResult applyFailed(ProviderDiagnostic d, Value partial) {
    return new Requests.ApplyResult(partial, null, List.of(d));
  }

  /**
   * The result of a create the cloud carried out but whose object could not be read back: {@code
   * known} (the planned object with the new id and what else the cloud said) with each value still
   * unknown set to null, and a warning; the next refresh reads the rest. A create that succeeded is
   * always reported as created: an error would make the engine taint, and later replace, a healthy
   * object.
   */
  public static Requests.ApplyResult createdUnread(
      Value known, String privateData, String subject, String problem) {
    return unread("created", "creating", known, privateData, subject, problem);
  }

  /** As {@link #createdUnread}, for an update the cloud accepted. */
  public static Requests.ApplyResult updatedUnread(
      Value known, String privateData, String subject, String problem) {
    return unread("updated", "updating", known, privateData, subject, problem);
  }

  private static Requests.ApplyResult unread(
      String done, String doing, Value known, String privateData, String subject, String problem) {
    return new Requests.ApplyResult(
        known.unknownsToNull(),
        privateData,
        List.of(
            ProviderDiagnostic.warning(
                "Could not read " + subject + " after " + doing + " it",
                subject
                    + " was "
                    + done
                    + ", but reading it back failed: "
                    + problem
                    + ".\nIt is recorded in the state with the values Forma knows; the values only"
                    + " the cloud knows are empty until the next plan or apply refreshes them.",
                List.of())));
  }

  /**
   * The error for a lookup of an interrupted create that failed: what happened, and the three ways
   * on. {@code subject} names the object ({@code connection "c"}), {@code noun} its kind ({@code
   * connection}), {@code idName} what {@code forma import} takes ({@code CONNECTION_ID}).
   */
  public static Requests.ReadResult inFlightLookupFailed(
      ApiException e, String subject, String noun, String idName) {
    ProviderDiagnostic api = e.error().toDiagnostic(null);
    return new Requests.ReadResult(
        null,
        null,
        List.of(
            ProviderDiagnostic.error(
                "Cannot tell whether an interrupted create made " + subject,
                "An earlier operation sent the create of "
                    + subject
                    + " but stopped before recording its result, so the "
                    + noun
                    + " may exist. Forma looks for it by its name before creating it again, and"
                    + " that lookup failed:\n  "
                    + api.summary()
                    + "\n  "
                    + api.detail().replace("\n", "\n  ")
                    + "\n\nForma does not create it again while it cannot tell. To go on,"
                    + " either:\n"
                    + "  - run this command again once the cloud answers;\n"
                    + "  - if you know the "
                    + noun
                    + " exists, adopt it: forma import ADDRESS "
                    + idName
                    + "\n"
                    + "  - if you know it does not exist, drop the pending create: forma state rm"
                    + " ADDRESS\n"
                    + "ADDRESS is this resource instance's address, as the warning above about"
                    + " the interrupted operation lists it.")));
  }

  public static Requests.ReadResult readFailed(ApiException e, String subject) {
    return new Requests.ReadResult(null, null, List.of(e.error().toDiagnostic(subject)));
  }

  public static Requests.Diagnostics failed(ApiException e, String subject) {
    return new Requests.Diagnostics(List.of(e.error().toDiagnostic(subject)));
  }

  /** The diagnostic for a wait that did not reach its goal; null when it did. */
  public static ProviderDiagnostic waitProblem(Waiter.Outcome<?> o, String subject, String goal) {
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

  public static String human(java.time.Duration d) {
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
