/**
 * Saved plans ({@code forma plan -out=FILE}, {@code forma apply FILE}): the file format (see
 * docs/planfile.md), reading and writing it, and the checks that decide whether a saved plan may
 * still be applied (state serial and lineage, fingerprints of sensitive values).
 *
 * <p>Owns the encoding of plans, values and variable sources in the file. Must not plan, apply,
 * read configuration files from disk beyond the snapshot it is given, or talk to the terminal: the
 * CLI decides what to print. Sensitive values are never written in plain text: only salted
 * fingerprints of them.
 */
package dev.forma.engine.planfile;
