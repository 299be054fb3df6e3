package dev.forma.engine.modules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * A client of Terraform's module registry protocol: service discovery ({@code
 * https://HOST/.well-known/terraform.json}, its {@code modules.v1} URL), the versions of a module
 * ({@code GET <modules.v1>NAMESPACE/NAME/PROVIDER/versions}) and where a version's package is
 * ({@code GET .../VERSION/download}: the {@code X-Terraform-Get} header of a 204, or the {@code
 * location} of a JSON body), resolved against the download URL.
 *
 * <p>A token for a private registry comes from {@code TF_TOKEN_<host>} as in Terraform (dots of the
 * host as underscores, dashes as double underscores) and is sent as {@code Authorization: Bearer}.
 *
 * <p>Host overrides: {@link #HOSTS_VARIABLE} (or the system property {@link #HOSTS_PROPERTY}) maps
 * registry hosts to base URLs, {@code host=http://127.0.0.1:8080,...}; discovery for such a host is
 * read from {@code <base>/.well-known/terraform.json} instead of {@code https://host}, so a
 * registry can be served over plain HTTP on a local port (tests, a registry mirror under test).
 */
final class RegistryClient {
  /** The environment variable that maps registry hosts to base URLs. */
  static final String HOSTS_VARIABLE = "FORMA_REGISTRY_HOSTS";

  /** The system property with the same meaning (for tests in the same JVM). */
  static final String HOSTS_PROPERTY = "forma.registry.hosts";

  /** A module the registry does not know (HTTP 404 on its versions). */
  static final class NotFound extends Exception {
    NotFound() {
      super("not found");
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final OkHttpClient http;
  private final Map<String, String> env;
  private final Map<String, String> bases;
  private final Map<String, HttpUrl> services = new HashMap<>();

  RegistryClient(OkHttpClient http, Map<String, String> env) {
    this.http = http;
    this.env = env;
    this.bases = overrides(env);
  }

  private static Map<String, String> overrides(Map<String, String> env) {
    Map<String, String> out = new HashMap<>();
    for (String spec : new String[] {System.getProperty(HOSTS_PROPERTY), env.get(HOSTS_VARIABLE)}) {
      if (spec == null) {
        continue;
      }
      for (String item : spec.split(",")) {
        int eq = item.indexOf('=');
        if (eq > 0) {
          String base = item.substring(eq + 1).trim();
          out.put(
              item.substring(0, eq).trim().toLowerCase(Locale.ROOT),
              base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        }
      }
    }
    return out;
  }

  /** The sorted-out versions the registry lists for the module, as written there. */
  List<String> versions(ModuleSource.Registry module) throws FetchException, NotFound {
    HttpUrl url =
        resolve(
            modulesService(module.host()),
            module.namespace() + "/" + module.name() + "/" + module.provider() + "/versions");
    JsonNode body;
    try (Response r = call(module.host(), url)) {
      if (r.code() == 404) {
        throw new NotFound();
      }
      body = json(r, url);
    }
    List<String> out = new ArrayList<>();
    JsonNode modules = body.path("modules");
    if (!modules.isArray()) {
      throw new FetchException("the registry's answer at " + url + " has no \"modules\" list");
    }
    for (JsonNode m : modules) {
      for (JsonNode v : m.path("versions")) {
        if (v.path("version").isTextual()) {
          out.add(v.path("version").asText());
        }
      }
    }
    return out;
  }

  /** Where the package of a module version is: a source address, absolute. */
  String location(ModuleSource.Registry module, String version) throws FetchException {
    HttpUrl url =
        resolve(
            modulesService(module.host()),
            module.namespace()
                + "/"
                + module.name()
                + "/"
                + module.provider()
                + "/"
                + version
                + "/download");
    String location;
    try (Response r = call(module.host(), url)) {
      location = r.header("X-Terraform-Get");
      if (location == null && r.code() == 200) {
        location = json(r, url).path("location").asText(null);
      } else if (!r.isSuccessful()) {
        throw new FetchException("error from " + url + ": " + status(r));
      }
    }
    if (location == null || location.isEmpty()) {
      throw new FetchException(
          "the registry's answer at " + url + " says nowhere to download the module from");
    }
    return absolute(url, location);
  }

  /**
   * A location as the module installer reads it: an address with a getter ({@code git::...}) or a
   * scheme is absolute; anything else is a URL relative to the download URL.
   */
  private static String absolute(HttpUrl base, String location) {
    if (location.contains("::") || location.contains("://") || location.startsWith("github.com/")) {
      return location;
    }
    HttpUrl resolved = base.resolve(location);
    return resolved == null ? location : resolved.toString();
  }

  /** The {@code modules.v1} URL of a host, from its service discovery document. */
  private HttpUrl modulesService(String host) throws FetchException {
    HttpUrl known = services.get(host);
    if (known != null) {
      return known;
    }
    String base = bases.getOrDefault(host, "https://" + host);
    HttpUrl discovery = HttpUrl.parse(base + "/.well-known/terraform.json");
    if (discovery == null) {
      throw new FetchException("invalid registry base URL \"" + base + "\" for " + host);
    }
    JsonNode doc;
    try (Response r = call(host, discovery)) {
      if (r.code() == 404) {
        throw new FetchException("host " + host + " does not provide a module registry");
      }
      if (!r.isSuccessful()) {
        throw new FetchException(
            "failed to request discovery document: " + discovery + " answered " + status(r));
      }
      doc = json(r, discovery);
    } catch (FetchException e) {
      throw e.getMessage().startsWith("failed to request") || e.getMessage().startsWith("host ")
          ? e
          : new FetchException("failed to request discovery document: " + e.getMessage(), e);
    }
    JsonNode service = doc.get("modules.v1");
    if (service == null || !service.isTextual()) {
      throw new FetchException("host " + host + " does not provide a module registry");
    }
    HttpUrl url = discovery.resolve(service.asText());
    if (url == null) {
      throw new FetchException(
          "host " + host + " gives an invalid modules.v1 URL: " + service.asText());
    }
    if (!url.encodedPath().endsWith("/")) {
      url = url.newBuilder().addPathSegment("").build();
    }
    services.put(host, url);
    return url;
  }

  private static HttpUrl resolve(HttpUrl base, String path) {
    return base.resolve(path);
  }

  private Response call(String host, HttpUrl url) throws FetchException {
    Request.Builder b = new Request.Builder().url(url).get().header("User-Agent", "Forma");
    String token = env.get("TF_TOKEN_" + host.replace("-", "__").replace('.', '_'));
    if (token != null && !token.isBlank()) {
      b.header("Authorization", "Bearer " + token.trim());
    }
    try {
      return http.newCall(b.build()).execute();
    } catch (IOException e) {
      throw new FetchException(
          "Get \"" + url + "\": " + (e.getMessage() == null ? e.toString() : e.getMessage()), e);
    }
  }

  private static JsonNode json(Response r, HttpUrl url) throws FetchException {
    ResponseBody body = r.body();
    if (!r.isSuccessful() || body == null) {
      throw new FetchException("error from " + url + ": " + status(r));
    }
    try {
      return JSON.readTree(body.string());
    } catch (IOException e) {
      throw new FetchException("the answer from " + url + " is not valid JSON", e);
    }
  }

  private static String status(Response r) {
    return r.code() + (r.message().isEmpty() ? "" : " " + r.message());
  }
}
