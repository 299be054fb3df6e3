/**
 * Generated configuration for imported objects ({@code plan -generate-config-out=FILE}, and {@code
 * query -generate-config-out=FILE} with the import blocks): HCL text of a resource block made from
 * an imported object's value and its schema.
 *
 * <p>Owns only the text: it never reads or writes files nor calls providers. It never writes a
 * sensitive or write-only value: such attributes refer to variables it declares instead.
 */
package dev.forma.engine.genconfig;
