/**
 * The canonical formatter ({@code forma fmt}, Terraform's {@code terraform fmt}).
 *
 * <p>Owns turning a syntactically valid file into its canonical text, working on the scanner's
 * token stream so comments, heredoc content and blank lines survive. Must not change what a file
 * means, nor format a file that does not parse; knows nothing about files on disk.
 */
package dev.forma.engine.fmt;
