package dev.forma.provider.alicloud.check;

import dev.forma.provider.alicloud.resource.ConnectionResource;
import dev.forma.provider.api.value.Value;
import dev.forma.provider.sdk.Values;
import java.util.List;

/**
 * One model endpoint to check: the object's address (for the report), the OpenAI-compatible base
 * URL, the bearer key and the model to ask. Built from a connection's or a model's
 * <em>configuration</em> (state keeps no plain-text key).
 */
public record CheckTarget(String address, String baseUrl, String apiKey, String model) {

  /**
   * The target of a {@code alicloud_pai_workspace_connection} configuration: its {@code
   * configs.base_url}, {@code secrets.api_key} and first {@code models} entry; null when the
   * connection is not a model service (DashScopeConnection, OpenLLMConnection).
   */
  public static CheckTarget fromConnection(String address, Value config) {
    String type = Values.string(config, "connection_type");
    if (type == null || !ConnectionResource.MODEL_SERVICE_TYPES.contains(type)) {
      return null;
    }
    String model = null;
    List<Value> models = Values.elements(config, "models");
    for (Value m : models) {
      model = Values.string(m, "model");
      if (model != null) {
        break;
      }
    }
    return new CheckTarget(
        address,
        Values.stringMap(config, "configs").get("base_url"),
        Values.stringMap(config, "secrets").get("api_key"),
        model);
  }

  /** The target of a {@code alicloud_model_router_model} configuration. */
  public static CheckTarget fromModel(String address, Value config) {
    return new CheckTarget(
        address,
        Values.string(config, "base_url"),
        Values.string(config, "api_key"),
        Values.string(config, "model_id"));
  }
}
