package dev.forma.state.backend.oss;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.forma.state.IndexKey;
import dev.forma.state.InstanceAddress;
import dev.forma.state.InstanceObject;
import dev.forma.state.JsonTrees;
import dev.forma.state.ResourceAddress;
import dev.forma.state.backend.LockInfo;
import dev.forma.state.backend.StateTransaction;
import dev.forma.state.encryption.StateEncryption;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A second process for the oss backend's lock and crash tests, run with the test classpath against
 * a local cloud at ENDPOINT, bucket BUCKET:
 *
 * <ul>
 *   <li>{@code hold ENDPOINT BUCKET}: locks, prints {@code LOCKED <id>}, waits for a line on stdin,
 *       unlocks, prints {@code UNLOCKED}.
 *   <li>{@code crash ENDPOINT BUCKET N}: locks, records N creates (intent then object) and one more
 *       intent, prints {@code READY}, then halts without unlocking or finishing.
 * </ul>
 */
public final class OssHelperMain {
  static final String PROVIDER = "provider[\"terraform.io/builtin/terraform\"]";
  static final ResourceAddress DATA = ResourceAddress.managed("terraform_data", "d");

  static InstanceAddress instance(int index) {
    return DATA.instance(IndexKey.of(index));
  }

  static InstanceObject object(String id) {
    ObjectNode attributes = JsonTrees.nodes().objectNode();
    attributes.put("id", id);
    ObjectNode input = attributes.putObject("input");
    input.put("value", "value-of-" + id);
    input.put("type", "string");
    attributes.putNull("triggers_replace");
    return InstanceObject.of(attributes);
  }

  static OssBackend backend(String endpoint, String bucket) throws Exception {
    OssSettings settings =
        OssSettings.resolve(
            Map.of(
                "bucket", bucket,
                "endpoint", endpoint,
                "region", "cn-hangzhou",
                "access_key", "forma-local",
                "secret_key", "forma-local-secret"),
            Map.of(),
            Path.of("/nonexistent-home"));
    return new OssBackend(settings, "0.1.0", StateEncryption.NONE);
  }

  public static void main(String[] args) throws Exception {
    OssStateStore store = (OssStateStore) backend(args[1], args[2]).store("default");
    switch (args[0]) {
      case "hold" -> {
        LockInfo lock = store.lock(LockInfo.APPLY, "held by a helper", Duration.ZERO);
        System.out.println("LOCKED " + lock.id());
        System.out.flush();
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        store.unlock(lock.id());
        System.out.println("UNLOCKED");
      }
      case "crash" -> {
        LockInfo lock = store.lock(LockInfo.APPLY, "", Duration.ZERO);
        StateTransaction tx = store.begin("apply", store.read().state());
        int n = Integer.parseInt(args[3]);
        for (int i = 0; i < n; i++) {
          tx.state().recordIntent(instance(i), "token-" + i);
          tx.state().setCurrent(instance(i), PROVIDER, object("id-" + i));
        }
        tx.state().recordIntent(instance(n), "token-" + n);
        System.out.println("READY " + lock.id());
        System.out.flush();
        Runtime.getRuntime().halt(3);
      }
      default -> throw new IllegalArgumentException(args[0]);
    }
  }
}
