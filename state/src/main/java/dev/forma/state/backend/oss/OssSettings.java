package dev.forma.state.backend.oss;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.forma.state.StateException;
import dev.forma.state.StateProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * Terraform's {@code backend "oss"} settings, resolved: the block's arguments first, then the
 * environment variables Terraform's oss backend reads (and the {@code ALIBABA_CLOUD_*} names of
 * Alibaba Cloud's newer tools), then the profile in {@code ~/.aliyun/config.json}.
 *
 * @param bucket the bucket the states are in
 * @param prefix the folder of the non-default workspaces ({@code env:} unless set), without leading
 *     or trailing "/"
 * @param key the state object's name ({@code terraform.tfstate} unless set)
 * @param region the region requests are signed for
 * @param endpoint the OSS endpoint (scheme, host, port)
 * @param pathStyle whether the bucket is addressed in the path ({@code endpoint/bucket/key}, for an
 *     IP address or {@code localhost}) rather than in the host name ({@code bucket.endpoint})
 * @param encrypt whether objects are stored with OSS server-side encryption (AES256)
 * @param acl the object ACL to store objects with, or null for the bucket's
 * @param credentials the access key
 */
public record OssSettings(
    String bucket,
    String prefix,
    String key,
    String region,
    HttpUrl endpoint,
    boolean pathStyle,
    boolean encrypt,
    String acl,
    OssCredentials credentials) {

  /** The arguments of Terraform's oss backend (all strings here; the CLI converts constants). */
  public static final Set<String> ARGUMENTS =
      Set.of(
          "bucket",
          "prefix",
          "key",
          "region",
          "endpoint",
          "encrypt",
          "acl",
          "access_key",
          "secret_key",
          "security_token",
          "ecs_role_name",
          "profile",
          "shared_credentials_file",
          "sts_endpoint",
          "tablestore_endpoint",
          "tablestore_table",
          "assume_role_role_arn",
          "assume_role_session_name",
          "assume_role_policy",
          "assume_role_session_expiration");

  private static final Set<String> ACLS = Set.of("private", "public-read", "public-read-write");
  private static final Pattern OSS_HOST =
      Pattern.compile("^oss-([a-z0-9-]+?)(-internal)?\\.aliyuncs\\.com$");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Where the backend keeps states, for messages: {@code bucket "b" at endpoint https://...}. */
  public String where() {
    return "bucket \"" + bucket + "\" at endpoint " + endpointText();
  }

  /** The endpoint as a user writes it: scheme, host and port when not the scheme's default. */
  public String endpointText() {
    String s = endpoint.toString();
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  /**
   * What is wrong with the block's arguments on their own (as Terraform's validation refuses them),
   * so that {@code init} can say it before anything is read.
   */
  public static List<StateProblem> validate(Map<String, String> args) {
    List<StateProblem> out = new ArrayList<>();
    String bucket = args.get("bucket");
    if (bucket == null || bucket.isEmpty()) {
      out.add(
          StateProblem.of(
              "Missing required argument",
              "The argument \"bucket\" is required, but was not set: the oss backend needs the"
                  + " name of the bucket that holds the states."));
    }
    String prefix = args.get("prefix");
    if (prefix != null && (prefix.startsWith("/") || prefix.startsWith("./"))) {
      out.add(
          StateProblem.of(
              "Invalid value for \"prefix\"",
              "The prefix \""
                  + prefix
                  + "\" must not start with \"/\" or \"./\": it is a folder inside the bucket,"
                  + " such as \"env:\" (the default) or \"states/team\"."));
    }
    String key = args.get("key");
    if (key != null && (key.isEmpty() || key.startsWith("/") || key.endsWith("/"))) {
      out.add(
          StateProblem.of(
              "Invalid value for \"key\"",
              "The key \""
                  + key
                  + "\" must not be empty, or start or end with \"/\": it names the state object,"
                  + " such as \"terraform.tfstate\" (the default) or \"app/terraform.tfstate\"."));
    }
    String encrypt = args.get("encrypt");
    if (encrypt != null && !encrypt.equals("true") && !encrypt.equals("false")) {
      out.add(
          StateProblem.of(
              "Incorrect attribute value type",
              "Inappropriate value for attribute \"encrypt\": a bool is required (true or false),"
                  + " not \""
                  + encrypt
                  + "\"."));
    }
    String acl = args.get("acl");
    if (acl != null && !acl.isEmpty() && !ACLS.contains(acl)) {
      out.add(
          StateProblem.of(
              "Invalid value for \"acl\"",
              "\"acl\" must be a valid ACL value: private, public-read or public-read-write, not \""
                  + acl
                  + "\". Leave it out to use the bucket's ACL."));
    }
    String expiration = args.get("assume_role_session_expiration");
    if (expiration != null) {
      int seconds;
      try {
        seconds = Integer.parseInt(expiration);
      } catch (NumberFormatException e) {
        seconds = -1;
      }
      if (seconds < 900 || seconds > 3600) {
        out.add(
            StateProblem.of(
                "Invalid value for \"assume_role_session_expiration\"",
                "assume_role_session_expiration must be a number of seconds from 900 to 3600,"
                    + " not \""
                    + expiration
                    + "\"."));
      }
    }
    String endpoint = args.get("endpoint");
    if (endpoint != null && !endpoint.isEmpty() && parseEndpoint(endpoint) == null) {
      out.add(invalidEndpoint(endpoint, "the endpoint argument"));
    }
    return out;
  }

  /**
   * What the block sets that Forma does not use: Terraform's Tablestore lock table (Forma locks
   * with an object in the bucket).
   */
  public static List<StateProblem> warnings(Map<String, String> args) {
    List<String> set = new ArrayList<>();
    for (String name : List.of("tablestore_endpoint", "tablestore_table")) {
      String v = args.get(name);
      if (v != null && !v.isEmpty()) {
        set.add(name);
      }
    }
    if (set.isEmpty()) {
      return List.of();
    }
    return List.of(
        StateProblem.of(
            "Forma does not use a Tablestore table for the oss backend",
            "The backend sets "
                + String.join(" and ", set)
                + ", which Terraform's oss backend uses to lock the state and to check its"
                + " digest. Forma does not need them and does not read or write the table: it"
                + " locks the state with a lock object beside it in the bucket (the state's"
                + " key followed by \".tflock\"), written so that only one writer can create it."
                + " Terraform and Forma therefore do not see each other's locks: do not run"
                + " both on the same state at the same time. The settings can stay while"
                + " Terraform still uses this state."));
  }

  /**
   * Resolves the settings from the block's arguments, the environment {@code env}, and the profile
   * file (in {@code home}'s {@code .aliyun/config.json} unless named).
   *
   * @throws StateException naming what is missing or wrong, and how to set it; never a secret
   */
  public static OssSettings resolve(Map<String, String> args, Map<String, String> env, Path home)
      throws StateException {
    List<StateProblem> problems = new ArrayList<>(validate(args));
    if (!problems.isEmpty()) {
      throw new StateException(problems);
    }
    String bucket = args.get("bucket");
    String prefix = args.getOrDefault("prefix", "env:");
    prefix = trim(prefix, '/');
    if (prefix.startsWith("./")) {
      prefix = prefix.substring(2);
    }
    String key = args.getOrDefault("key", "terraform.tfstate");
    String acl = args.get("acl");
    if (acl != null && acl.isEmpty()) {
      acl = null;
    }
    boolean encrypt = "true".equals(args.get("encrypt"));

    Profile profile = Profile.read(args, env, home);

    String roleArn = first(arg(args, "assume_role_role_arn"), get(env, "ALICLOUD_ASSUME_ROLE_ARN"));
    if (roleArn == null && profile != null && "RamRoleArn".equals(profile.mode())) {
      roleArn = profile.text("ram_role_arn");
    }
    if (roleArn != null) {
      throw new StateException(
          "Assuming a RAM role is not supported by Forma's oss backend",
          "The oss backend is set to assume the RAM role "
              + roleArn
              + (arg(args, "assume_role_role_arn") != null
                  ? " (assume_role_role_arn)"
                  : profile != null && "RamRoleArn".equals(profile.mode())
                      ? " (profile \"" + profile.name() + "\" has mode RamRoleArn)"
                      : " (ALICLOUD_ASSUME_ROLE_ARN)")
              + ", which Forma does not do yet: it would have to call STS AssumeRole. Get"
              + " temporary credentials for the role yourself (for example with \"aliyun sts"
              + " AssumeRole\") and give them as ALICLOUD_ACCESS_KEY, ALICLOUD_SECRET_KEY and"
              + " ALICLOUD_SECURITY_TOKEN, or use an access key that may use the bucket.");
    }

    OssCredentials credentials = credentials(args, env, profile);
    if (credentials == null) {
      String ecsRole = first(arg(args, "ecs_role_name"), get(env, "ALICLOUD_ECS_ROLE_NAME"));
      if (ecsRole == null && profile != null && "EcsRamRole".equals(profile.mode())) {
        ecsRole = profile.text("ram_role_name");
      }
      if (ecsRole != null) {
        throw new StateException(
            "ECS RAM roles are not supported by Forma's oss backend",
            "The oss backend has no access key, and is set to use the RAM role \""
                + ecsRole
                + "\" of the ECS instance it runs on, which Forma does not do yet (it would"
                + " read the instance's metadata service). Give an access key instead: access_key"
                + " and secret_key, or ALICLOUD_ACCESS_KEY and ALICLOUD_SECRET_KEY.");
      }
      throw new StateException(
          "No credentials for the oss backend",
          "Forma looked for an access key in, in this order:\n"
              + "  - the backend block: access_key and secret_key are not set;\n"
              + "  - the environment: neither ALICLOUD_ACCESS_KEY (or ALICLOUD_ACCESS_KEY_ID) and"
              + " ALICLOUD_SECRET_KEY (or ALICLOUD_ACCESS_KEY_SECRET), nor"
              + " ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET are set;\n"
              + "  - the profile file "
              + Profile.file(args, env, home)
              + ": "
              + Profile.whyNothing(profile, args, env, home)
              + ".\n"
              + "Set one of them.");
    }

    String endpointText =
        first(arg(args, "endpoint"), get(env, "ALICLOUD_OSS_ENDPOINT"), get(env, "OSS_ENDPOINT"));
    String region =
        first(
            arg(args, "region"),
            get(env, "ALICLOUD_REGION"),
            get(env, "ALICLOUD_DEFAULT_REGION"),
            get(env, "ALIBABA_CLOUD_REGION"),
            get(env, "ALIBABA_CLOUD_REGION_ID"),
            profile == null ? null : profile.text("region_id"));
    HttpUrl endpoint;
    if (endpointText == null) {
      if (region == null) {
        throw new StateException(
            "No region for the oss backend",
            "The oss backend needs the bucket's region (or an endpoint): set region in the"
                + " backend block, or ALICLOUD_REGION in the environment, or region_id in the"
                + " profile. For example: region = \"cn-hangzhou\".");
      }
      endpoint = parseEndpoint("oss-" + region + ".aliyuncs.com");
      if (endpoint == null) {
        throw new StateException(
            "Invalid value for \"region\"",
            "The region \"" + region + "\" is not a region name, such as \"cn-hangzhou\".");
      }
    } else {
      endpoint = parseEndpoint(endpointText);
      if (endpoint == null) {
        throw new StateException(
            List.of(
                invalidEndpoint(
                    endpointText,
                    arg(args, "endpoint") != null
                        ? "the endpoint argument"
                        : get(env, "ALICLOUD_OSS_ENDPOINT") != null
                            ? "ALICLOUD_OSS_ENDPOINT"
                            : "OSS_ENDPOINT")));
      }
      if (region == null) {
        Matcher m = OSS_HOST.matcher(endpoint.host());
        if (m.matches()) {
          region = m.group(1);
        } else {
          throw new StateException(
              "No region for the oss backend",
              "The oss backend signs its requests for the bucket's region (OSS4-HMAC-SHA256),"
                  + " and cannot tell it from the endpoint "
                  + endpointText
                  + ": set region in the backend block, or ALICLOUD_REGION in the environment."
                  + " For example: region = \"cn-hangzhou\".");
        }
      }
    }
    String host = endpoint.host();
    boolean pathStyle =
        host.equals("localhost")
            || host.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}")
            || host.contains(":");
    return new OssSettings(
        bucket, prefix, key, region, endpoint, pathStyle, encrypt, acl, credentials);
  }

  private static StateProblem invalidEndpoint(String given, String where) {
    return StateProblem.of(
        "Invalid OSS endpoint",
        "The OSS endpoint \""
            + given
            + "\" (from "
            + where
            + ") is not a host name, host:port or URL without a path, such as"
            + " \"oss-cn-hangzhou.aliyuncs.com\" or \"http://127.0.0.1:9000\".");
  }

  /** A host (HTTPS), {@code host:port}, or {@code scheme://host[:port][/]}; null otherwise. */
  static HttpUrl parseEndpoint(String given) {
    String s = given.trim();
    if (s.isEmpty()) {
      return null;
    }
    HttpUrl url = HttpUrl.parse(s.contains("://") ? s : "https://" + s);
    if (url == null
        || !url.encodedPath().equals("/")
        || url.query() != null
        || url.fragment() != null) {
      return null;
    }
    return url;
  }

  private static OssCredentials credentials(
      Map<String, String> args, Map<String, String> env, Profile profile) {
    String id = arg(args, "access_key");
    String secret = arg(args, "secret_key");
    String token = arg(args, "security_token");
    String source = "the backend block (access_key)";
    String[][] names = {
      {"ALICLOUD_ACCESS_KEY", "ALICLOUD_SECRET_KEY"},
      {"ALICLOUD_ACCESS_KEY_ID", "ALICLOUD_ACCESS_KEY_SECRET"},
      {"ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET"}
    };
    if (id == null) {
      for (String[] pair : names) {
        if (get(env, pair[0]) != null) {
          id = get(env, pair[0]);
          source = "the environment (" + pair[0] + ")";
          break;
        }
      }
    }
    if (secret == null) {
      for (String[] pair : names) {
        if (get(env, pair[1]) != null) {
          secret = get(env, pair[1]);
          break;
        }
      }
    }
    if (token == null) {
      token = first(get(env, "ALICLOUD_SECURITY_TOKEN"), get(env, "ALIBABA_CLOUD_SECURITY_TOKEN"));
    }
    if ((id == null || secret == null) && profile != null && profile.hasKeys()) {
      if (id == null) {
        id = profile.text("access_key_id");
        source = "profile \"" + profile.name() + "\" in " + profile.file();
      }
      if (secret == null) {
        secret = profile.text("access_key_secret");
      }
      if (token == null && "StsToken".equals(profile.mode())) {
        token = profile.text("sts_token");
      }
    }
    if (id == null || secret == null) {
      return null;
    }
    return new OssCredentials(id, secret, token, source);
  }

  /** One profile of the Alibaba Cloud CLI's configuration file. */
  private record Profile(String name, Path file, JsonNode node) {
    String mode() {
      return node.path("mode").asText("AK");
    }

    String text(String field) {
      String v = node.path(field).asText("");
      return v.isEmpty() ? null : v;
    }

    boolean hasKeys() {
      return (mode().equals("AK") || mode().equals("StsToken"))
          && text("access_key_id") != null
          && text("access_key_secret") != null;
    }

    static Path file(Map<String, String> args, Map<String, String> env, Path home) {
      String named =
          first(arg(args, "shared_credentials_file"), get(env, "ALICLOUD_SHARED_CREDENTIALS_FILE"));
      if (named != null) {
        if (named.equals("~") || named.startsWith("~/")) {
          return home.resolve(named.substring(Math.min(2, named.length())));
        }
        return Path.of(named);
      }
      return home.resolve(".aliyun").resolve("config.json");
    }

    static String wanted(Map<String, String> args, Map<String, String> env) {
      return first(
          arg(args, "profile"), get(env, "ALICLOUD_PROFILE"), get(env, "ALIBABA_CLOUD_PROFILE"));
    }

    /**
     * The profile the block or the environment names, or else the file's current one; null when
     * there is no file or no such profile (an error when one was named).
     */
    static Profile read(Map<String, String> args, Map<String, String> env, Path home)
        throws StateException {
      Path file = file(args, env, home);
      String wanted = wanted(args, env);
      if (!Files.isRegularFile(file)) {
        if (wanted != null || arg(args, "shared_credentials_file") != null) {
          throw new StateException(
              "Cannot read the Alibaba Cloud profile",
              "The oss backend is set to use "
                  + (wanted != null ? "the profile \"" + wanted + "\" of " : "")
                  + "the file "
                  + file
                  + ", which does not exist.");
        }
        return null;
      }
      JsonNode root;
      try {
        root = JSON.readTree(Files.readAllBytes(file));
      } catch (IOException e) {
        throw new StateException(
            "Cannot read the Alibaba Cloud profile",
            "The profile file " + file + " could not be read as JSON: " + e.getMessage(),
            e);
      }
      String name = wanted != null ? wanted : root.path("current").asText("default");
      for (JsonNode p : root.path("profiles")) {
        if (name.equals(p.path("name").asText())) {
          return new Profile(name, file, p);
        }
      }
      if (wanted != null) {
        throw new StateException(
            "Cannot read the Alibaba Cloud profile",
            "There is no profile named \"" + wanted + "\" in " + file + ".");
      }
      return null;
    }

    static String whyNothing(
        Profile profile, Map<String, String> args, Map<String, String> env, Path home) {
      if (profile == null) {
        return Files.isRegularFile(file(args, env, home))
            ? "it has no profile named \""
                + (wanted(args, env) == null ? "default" : wanted(args, env))
                + "\""
            : "it does not exist";
      }
      if (!profile.mode().equals("AK") && !profile.mode().equals("StsToken")) {
        return "the profile \""
            + profile.name()
            + "\" has mode "
            + profile.mode()
            + "; Forma reads the modes AK and StsToken";
      }
      return "the profile \"" + profile.name() + "\" has no access_key_id and access_key_secret";
    }
  }

  private static String arg(Map<String, String> args, String name) {
    String v = args.get(name);
    return v == null || v.isEmpty() ? null : v;
  }

  private static String get(Map<String, String> env, String name) {
    String v = env.get(name);
    return v == null || v.isEmpty() ? null : v;
  }

  private static String first(String... values) {
    for (String v : values) {
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  private static String trim(String s, char c) {
    int start = 0;
    int end = s.length();
    while (start < end && s.charAt(start) == c) {
      start++;
    }
    while (end > start && s.charAt(end - 1) == c) {
      end--;
    }
    return s.substring(start, end);
  }

  /** The object name of a workspace's state: {@code key}, or {@code prefix/NAME/key}. */
  String stateKey(String workspace) {
    return workspace.equals(dev.forma.state.backend.StateBackend.DEFAULT_WORKSPACE)
        ? join(prefix, key)
        : join(prefix, workspace, key);
  }

  /** The folder the workspaces' states are listed from: {@code prefix/} (or the whole bucket). */
  String workspacesPrefix() {
    return prefix.isEmpty() ? "" : prefix + "/";
  }

  private static String join(String... parts) {
    StringBuilder out = new StringBuilder();
    for (String p : parts) {
      if (p.isEmpty()) {
        continue;
      }
      if (!out.isEmpty()) {
        out.append('/');
      }
      out.append(p);
    }
    return out.toString();
  }

  /** The lower-case host, for tests. */
  String host() {
    return endpoint.host().toLowerCase(Locale.ROOT);
  }
}
