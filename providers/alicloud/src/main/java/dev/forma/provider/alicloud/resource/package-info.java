/**
 * The four resource types: schema, plan-time validation, create/read/update/delete, import by id,
 * and waits with progress. One class per type, each implementing {@link
 * dev.forma.provider.alicloud.resource.ResourceType}.
 *
 * <p>Turns API answers into state values of the schema's implied type. A read that finds nothing
 * returns a null state, never an error. Write-only values (connection secrets, model api_key) are
 * sent from the configuration and never read back: the state keeps what the engine gave.
 */
package dev.forma.provider.alicloud.resource;
