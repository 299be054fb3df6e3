package dev.forma.provider.alicloud.check;

import com.fasterxml.jackson.databind.JsonNode;
import dev.forma.provider.alicloud.AlicloudProvider;
import dev.forma.provider.alicloud.check.CheckResult.Outcome;
import dev.forma.provider.sdk.http.ApiException;

/**
 * Checks an EAS LLM app service: DescribeService says whether it exists and is Running (a service
 * that is not is a failed check with its status, reason and message); a Running service is then
 * called at its OpenAI-compatible endpoint ({@code <InternetEndpoint>/v1/chat/completions}) with
 * its token (DescribeService's AccessToken) as the bearer key, like any model endpoint. The token
 * is never part of a result.
 */
public final class EasServiceCheck {
  private EasServiceCheck() {}

  /**
   * Checks the service {@code name} through the configured {@code provider}, asking for {@code
   * model}; {@code address} names it in the report.
   */
  public static CheckResult check(
      String address,
      AlicloudProvider provider,
      String name,
      String model,
      ConnectivityChecker checker) {
    JsonNode svc;
    try {
      svc = provider.describeEasService(name);
    } catch (ApiException e) {
      return new CheckResult(
          address,
          Outcome.FAILED,
          e.error().code() == null || e.error().code().isEmpty()
              ? "CONNECT_FAILED"
              : e.error().code(),
          "The service could not be looked up ("
              + e.getMessage()
              + "): check the provider's credentials, region and endpoint.",
          null);
    }
    if (svc == null) {
      return new CheckResult(
          address,
          Outcome.FAILED,
          "SERVICE_NOT_FOUND",
          "There is no EAS service named \""
              + name
              + "\" in region "
              + provider.region()
              + ": apply the configuration first, then check.",
          null);
    }
    String status = svc.path("Status").asText("");
    String endpoint = svc.path("InternetEndpoint").asText("");
    if (!status.equals("Running")) {
      String why = join(svc.path("Reason").asText(""), svc.path("Message").asText("")).strip();
      String fix =
          switch (status) {
            case "Failed" ->
                "fix the cause (the service spec, the quota, the model files) and apply again:"
                    + " the next plan deploys a Failed service again";
            case "Creating", "Updating", "Scaling", "Waiting" ->
                "wait until it is Running, then check again";
            case "Stopped" -> "start the service (or set replicas above 0), then check again";
            default -> "check the service in the console";
          };
      return new CheckResult(
              address,
              Outcome.FAILED,
              "SERVICE_NOT_RUNNING",
              "The service is "
                  + status
                  + (why.isEmpty() ? "" : " (" + why + ")")
                  + ": "
                  + fix
                  + ".",
              endpoint.isEmpty() ? null : endpoint)
          .withStatus(status);
    }
    if (endpoint.isEmpty()) {
      return new CheckResult(
              address,
              Outcome.FAILED,
              "NOT_CONFIGURED",
              "The service is Running but has no internet endpoint to call: enable its internet"
                  + " access in the console.",
              null)
          .withStatus(status);
    }
    String base = endpoint.endsWith("/") ? endpoint + "v1" : endpoint + "/v1";
    CheckResult r =
        checker.check(new CheckTarget(address, base, svc.path("AccessToken").asText(""), model));
    if (!r.answering() && r.message().contains("set secrets.api_key")) {
      r =
          r.withMessage(
              "The service gave no token (AccessToken) to call it with: check the service's"
                  + " access settings in the console.");
    }
    return r.withStatus(status);
  }

  private static String join(String reason, String message) {
    if (reason.isEmpty() || reason.equals(message)) {
      return message;
    }
    return message.isEmpty() ? reason : reason + ": " + message;
  }
}
