package dev.forma.provider.alicloud.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.forma.provider.alicloud.http.Credentials;
import dev.forma.provider.alicloud.http.Product;
import dev.forma.provider.api.ProviderDiagnostic;
import dev.forma.provider.api.value.PathStep;
import dev.forma.provider.api.value.Value;
import dev.forma.provider.sdk.Values;
import dev.forma.provider.sdk.http.RetryPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;

/**
 * A provider block resolved against the environment: credentials, region, the base URL of each
 * product and the retry bound. {@link #resolve} follows ../shared/API.md: the provider block first,
 * then environment variables, then the CLI profile file.
 */
public record ProviderSettings(
    Credentials credentials,
    String region,
    Map<Product, HttpUrl> endpoints,
    int maxRetries,
    boolean local,
    double requestsPerSecond,
    int requestBurst) {

  /**
   * The request rate against Alibaba Cloud when the block sets none, per second, and its burst: see
   * the README ("Request rate").
   */
  public static final int DEFAULT_REQUESTS_PER_SECOND = 50;

  public static final int DEFAULT_REQUEST_BURST = 10;

  /** The most {@code requests_per_second} and {@code request_burst} accept. */
  static final int MAX_RATE_SETTING = 10_000;

  public ProviderSettings {
    endpoints = Map.copyOf(endpoints);
  }

  /** Settings, or the diagnostics that explain why there are none. */
  public record Resolution(ProviderSettings settings, List<ProviderDiagnostic> diagnostics) {
    public Resolution {
      diagnostics = List.copyOf(diagnostics);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Resolves the evaluated {@code provider "alicloud"} block. */
  public static Resolution resolve(Value config, Environment env) {
    List<ProviderDiagnostic> diags = new ArrayList<>();
    for (String name :
        List.of(
            "region",
            "access_key",
            "secret_key",
            "security_token",
            "profile",
            "shared_credentials_file",
            "endpoint",
            "max_retries",
            "requests_per_second",
            "request_burst",
            "endpoints")) {
      if (Values.isUnknown(config, name)) {
        diags.add(
            ProviderDiagnostic.error(
                "Provider configuration depends on values not yet known",
                "The provider's \""
                    + name
                    + "\" argument refers to a value that is known only after apply; the"
                    + " provider must be configured before planning. Use a literal, a variable or"
                    + " an environment variable.",
                List.of(PathStep.attr(name))));
      }
    }
    if (!diags.isEmpty()) {
      return new Resolution(null, diags);
    }
    String endpointMode = Values.string(config, "endpoint");
    boolean local = false;
    String localUrl = null;
    if (endpointMode != null) {
      if (!endpointMode.equals("local")) {
        diags.add(
            ProviderDiagnostic.error(
                "Invalid endpoint",
                "endpoint accepts only \"local\" (the embedded local cloud); to point one product"
                    + " elsewhere, use the endpoints block, e.g. endpoints { aiworkspace ="
                    + " \"http://127.0.0.1:8080\" }.",
                List.of(PathStep.attr("endpoint"))));
        return new Resolution(null, diags);
      }
      local = true;
      localUrl = LocalCloud.url(env);
      if (localUrl == null) {
        diags.add(
            ProviderDiagnostic.error(
                "The local cloud is not running",
                "endpoint = \"local\" sends every call to the embedded local cloud, but none was"
                    + " started. Run through the forma CLI, or set -D"
                    + LocalCloud.URL_PROPERTY
                    + "=http://127.0.0.1:PORT or "
                    + LocalCloud.URL_VARIABLE
                    + ".",
                List.of(PathStep.attr("endpoint"))));
        return new Resolution(null, diags);
      }
    }

    // profile file (read lazily: only needed when the block and the environment lack something)
    String profileName = Values.string(config, "profile");
    if (profileName == null) {
      profileName = env.get("ALIBABA_CLOUD_PROFILE");
    }
    String fileArg = Values.string(config, "shared_credentials_file");
    Path profileFile =
        fileArg != null
            ? expandHome(fileArg, env)
            : env.home().resolve(".aliyun").resolve("config.json");
    ProfileLookup profile = ProfileLookup.read(profileFile, profileName, fileArg != null);
    if (profile.error() != null) {
      diags.add(
          ProviderDiagnostic.error(
              "Cannot read the Alibaba Cloud profile",
              profile.error(),
              List.of(PathStep.attr(fileArg != null ? "shared_credentials_file" : "profile"))));
      return new Resolution(null, diags);
    }

    Credentials credentials = credentials(config, env, profile, profileFile, local, diags);
    String region =
        local
            ? first(Values.string(config, "region"), LocalCloud.DEFAULT_REGION)
            : first(
                Values.string(config, "region"),
                env.first("ALIBABA_CLOUD_REGION", "ALICLOUD_REGION", "ALIBABA_CLOUD_REGION_ID"),
                profile.regionId());
    if (region == null) {
      diags.add(
          ProviderDiagnostic.error(
              "No region for the alicloud provider",
              "Set region in the provider block, or ALIBABA_CLOUD_REGION or ALICLOUD_REGION in"
                  + " the environment, or region_id in the profile of "
                  + profileFile
                  + ".",
              List.of(PathStep.attr("region"))));
    }
    Long maxRetries = Values.integer(config, "max_retries");
    if (maxRetries != null && (maxRetries < 0 || maxRetries > 20)) {
      diags.add(
          ProviderDiagnostic.error(
              "Invalid max_retries",
              "max_retries must be between 0 and 20; got " + maxRetries + ".",
              List.of(PathStep.attr("max_retries"))));
    }
    Long perSecond = Values.integer(config, "requests_per_second");
    Long burst = Values.integer(config, "request_burst");
    for (var setting :
        List.of(
            Map.entry("requests_per_second", perSecond == null ? 1L : perSecond),
            Map.entry("request_burst", burst == null ? 1L : burst))) {
      long v = setting.getValue();
      if (v < 1 || v > MAX_RATE_SETTING) {
        diags.add(
            ProviderDiagnostic.error(
                "Invalid " + setting.getKey(),
                setting.getKey()
                    + " must be a whole number between 1 and "
                    + MAX_RATE_SETTING
                    + "; got "
                    + v
                    + ".",
                List.of(PathStep.attr(setting.getKey()))));
      }
    }
    if (credentials == null || region == null || !diags.isEmpty()) {
      return new Resolution(null, diags);
    }

    Map<Product, HttpUrl> endpoints = new EnumMap<>(Product.class);
    Value endpointsBlock = Values.attr(config, "endpoints");
    for (Product p : Product.values()) {
      String given = Values.string(endpointsBlock, p.endpointKey());
      List<PathStep> path = List.of(PathStep.attr("endpoints"), PathStep.attr(p.endpointKey()));
      if (given == null) {
        for (String var : p.endpointEnvironmentVariables()) {
          if (env.get(var) != null) {
            given = env.get(var);
            path = List.of();
            break;
          }
        }
      }
      if (given == null && local) {
        given = localUrl;
        path = List.of(PathStep.attr("endpoint"));
      }
      if (given == null) {
        given = p.defaultHost(region);
      }
      HttpUrl url = parseEndpoint(given);
      if (url == null) {
        diags.add(
            ProviderDiagnostic.error(
                "Invalid endpoint for " + p.displayName(),
                "\""
                    + given
                    + "\" is neither a host name (meaning HTTPS) nor a URL with a scheme, host"
                    + " and optional port such as http://127.0.0.1:8080; a path is not allowed.",
                path));
      } else {
        endpoints.put(p, url);
      }
    }
    if (!diags.isEmpty()) {
      return new Resolution(null, diags);
    }
    return new Resolution(
        new ProviderSettings(
            credentials,
            region,
            endpoints,
            maxRetries == null ? RetryPolicy.DEFAULT_MAX_RETRIES : maxRetries.intValue(),
            local,
            // the local cloud throttles only when its faults say so: no limit unless one is set
            perSecond != null
                ? perSecond
                : local ? Double.POSITIVE_INFINITY : DEFAULT_REQUESTS_PER_SECOND,
            burst != null ? burst.intValue() : DEFAULT_REQUEST_BURST),
        diags);
  }

  private static Credentials credentials(
      Value config,
      Environment env,
      ProfileLookup profile,
      Path profileFile,
      boolean local,
      List<ProviderDiagnostic> diags) {
    String blockKey = Values.string(config, "access_key");
    String blockSecret = Values.string(config, "secret_key");
    if (blockKey != null || blockSecret != null) {
      if (blockKey == null || blockSecret == null) {
        String missing = blockKey == null ? "access_key" : "secret_key";
        diags.add(
            ProviderDiagnostic.error(
                "Incomplete credentials in the provider block",
                "The provider block sets "
                    + (blockKey == null ? "secret_key" : "access_key")
                    + " but not "
                    + missing
                    + "; set both.",
                List.of(PathStep.attr(missing))));
        return null;
      }
      return new Credentials(
          blockKey, blockSecret, Values.string(config, "security_token"), "the provider block");
    }
    if (local) {
      // the local cloud never sees the account's keys from the environment or a profile
      return new Credentials(
          LocalCloud.ACCESS_KEY_ID,
          LocalCloud.ACCESS_KEY_SECRET,
          null,
          "the local cloud's default");
    }
    String[][] pairs = {
      {
        "ALIBABA_CLOUD_ACCESS_KEY_ID",
        "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
        "ALIBABA_CLOUD_SECURITY_TOKEN"
      },
      {"ALICLOUD_ACCESS_KEY", "ALICLOUD_SECRET_KEY", "ALICLOUD_SECURITY_TOKEN"}
    };
    for (String[] p : pairs) {
      if (env.get(p[0]) != null && env.get(p[1]) != null) {
        String token = env.get(p[2]);
        if (token == null) {
          token = Values.string(config, "security_token");
        }
        return new Credentials(
            env.get(p[0]), env.get(p[1]), token, "the environment (" + p[0] + ")");
      }
    }
    if (profile.accessKeyId() != null && profile.accessKeySecret() != null) {
      return new Credentials(
          profile.accessKeyId(),
          profile.accessKeySecret(),
          profile.securityToken(),
          "profile \"" + profile.name() + "\" in " + profileFile);
    }
    diags.add(
        ProviderDiagnostic.error(
            "No valid credential sources found for the alicloud provider",
            "Forma looked in, in this order:\n"
                + "  - the provider block: access_key and secret_key are not set;\n"
                + "  - the environment: neither ALIBABA_CLOUD_ACCESS_KEY_ID and"
                + " ALIBABA_CLOUD_ACCESS_KEY_SECRET nor ALICLOUD_ACCESS_KEY and"
                + " ALICLOUD_SECRET_KEY are set;\n"
                + "  - the profile file "
                + profileFile
                + ": "
                + profile.whyNothing()
                + ".\n"
                + "Set one of them, or use endpoint = \"local\" for the local cloud.",
            List.of()));
    return null;
  }

  /** A host (HTTPS), host:port, or scheme://host[:port][/]; null when it is none of these. */
  public static HttpUrl parseEndpoint(String given) {
    String s = given.trim();
    if (s.isEmpty()) {
      return null;
    }
    HttpUrl url = HttpUrl.parse(s.contains("://") ? s : "https://" + s);
    if (url == null) {
      return null;
    }
    if (!url.encodedPath().equals("/") || url.query() != null || url.fragment() != null) {
      return null;
    }
    return url;
  }

  private static Path expandHome(String file, Environment env) {
    if (file.equals("~") || file.startsWith("~/")) {
      return env.home().resolve(file.substring(Math.min(2, file.length())));
    }
    return Path.of(file);
  }

  private static String first(String... values) {
    for (String v : values) {
      if (v != null && !v.isEmpty()) {
        return v;
      }
    }
    return null;
  }

  /** What the profile file gave: a key pair and region, or why it gave nothing. */
  record ProfileLookup(
      String name,
      String accessKeyId,
      String accessKeySecret,
      String securityToken,
      String regionId,
      String whyNothing,
      String error) {

    static ProfileLookup read(Path file, String wanted, boolean fileNamedExplicitly) {
      if (!Files.isRegularFile(file)) {
        String why = "the file does not exist";
        return fileNamedExplicitly
            ? new ProfileLookup(
                wanted,
                null,
                null,
                null,
                null,
                why,
                "shared_credentials_file " + file + ": " + why + ".")
            : new ProfileLookup(wanted, null, null, null, null, why, null);
      }
      JsonNode root;
      try {
        root = JSON.readTree(Files.readAllBytes(file));
      } catch (IOException e) {
        return new ProfileLookup(
            wanted,
            null,
            null,
            null,
            null,
            "unreadable",
            file + " is not valid JSON: " + e.getMessage());
      }
      String name = wanted != null ? wanted : root.path("current").asText("default");
      if (name.isEmpty()) {
        name = "default";
      }
      for (JsonNode p : root.path("profiles")) {
        if (!name.equals(p.path("name").asText())) {
          continue;
        }
        String mode = p.path("mode").asText("AK");
        if (!mode.equals("AK") && !mode.equals("StsToken")) {
          return new ProfileLookup(
              name,
              null,
              null,
              null,
              null,
              "profile \"" + name + "\" has mode " + mode,
              "profile \""
                  + name
                  + "\" in "
                  + file
                  + " has mode "
                  + mode
                  + "; Forma supports the modes AK and StsToken.");
        }
        String region = p.path("region_id").asText("");
        String id = p.path("access_key_id").asText("");
        String secret = p.path("access_key_secret").asText("");
        String token = p.path("sts_token").asText("");
        return new ProfileLookup(
            name,
            id.isEmpty() ? null : id,
            secret.isEmpty() ? null : secret,
            token.isEmpty() ? null : token,
            region.isEmpty() ? null : region,
            "profile \"" + name + "\" has no access_key_id and access_key_secret",
            null);
      }
      if (wanted != null) {
        return new ProfileLookup(
            name,
            null,
            null,
            null,
            null,
            "no profile named \"" + name + "\"",
            "there is no profile named \"" + name + "\" in " + file + ".");
      }
      return new ProfileLookup(
          name, null, null, null, null, "no profile named \"" + name + "\"", null);
    }
  }
}
