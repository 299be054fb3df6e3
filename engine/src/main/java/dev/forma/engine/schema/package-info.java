/**
 * Resource and provider schemas: what arguments and nested blocks a resource type takes, their
 * types, and whether each is required, optional, computed, ForceNew, sensitive or write-only.
 *
 * <p>Owns the schema records and the checks and conversions driven by them: {@link
 * dev.forma.engine.schema.SchemaDecoder} (configuration body to object value with HCL's and
 * Terraform's diagnostics; attribute path to source range) and {@link
 * dev.forma.engine.schema.SchemaValues} (sensitive paths and marks, write-only fingerprints). The
 * engine does all diffing from the schema (DESIGN decision 8). Must not talk to providers or the
 * state.
 */
package dev.forma.engine.schema;
