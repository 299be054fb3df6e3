/**
 * The four resource types: schema, plan-time validation, the API calls of create/read/update/delete
 * and the mapping between the API's JSON and state. One class per type, each implementing {@link
 * dev.forma.provider.alicloud.resource.ResourceType} and the SDK's {@link
 * dev.forma.provider.sdk.lifecycle.RemoteObject}: the lifecycle itself (not-found mapping, import,
 * finding a lost create by name, waits with progress, timeouts) is the SDK's {@link
 * dev.forma.provider.sdk.lifecycle.Lifecycle}.
 *
 * <p>Turns API answers into state values of the schema's implied type. A read that finds nothing
 * returns a null state, never an error. Write-only values (connection secrets, model api_key) are
 * sent from the configuration and never read back: the state keeps what the engine gave.
 */
package dev.forma.provider.alicloud.resource;
