/**
 * Helpers shared by the resources: reading and building {@link dev.forma.provider.api.value.Value}s
 * of a schema, the {@code timeouts} block, and polling with progress. No HTTP, no resource
 * knowledge.
 */
package dev.forma.provider.alicloud.support;
