package dev.forma.engine.query;

import dev.forma.engine.addrs.ProviderConfigAddress;
import dev.forma.engine.hcl.Attribute;
import dev.forma.engine.hcl.Expr;
import dev.forma.provider.api.diag.Range;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@code list "TYPE" "NAME"} block of a {@code .tfquery.hcl} file (Terraform 1.14's shape): which
 * resource type to list, with which provider configuration ({@code provider}, null for the type's
 * default), at most how many objects ({@code limit}, null for all) and the {@code config} block's
 * arguments: attribute values of the resource type that the listed objects must have, the list's
 * scope among them ({@code workspace_id}).
 */
public record ListBlock(
    String type,
    String name,
    ProviderConfigAddress provider,
    Expr count,
    Expr forEach,
    Expr limit,
    Map<String, Attribute> config,
    Range declRange) {
  public ListBlock {
    config = Collections.unmodifiableMap(new LinkedHashMap<>(config));
  }

  /** {@code list.TYPE.NAME}, as Terraform names a list block's results. */
  public String address() {
    return "list." + type + "." + name;
  }
}
