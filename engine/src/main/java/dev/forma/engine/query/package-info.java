/**
 * Discovery of existing objects for adoption ({@code forma query}): the {@code list} blocks of
 * {@code *.tfquery.hcl} files ({@link dev.forma.engine.query.QueryFiles}), the provider list calls
 * they make, page by page, and the objects they find that the state and the configuration do not
 * have yet ({@link dev.forma.engine.query.Discovery}), with stable resource names ({@link
 * dev.forma.engine.query.AdoptionNames}) for the configuration written for them.
 *
 * <p>Owns no terminal, file writing or state: it reads the query files, calls the providers it is
 * given and returns data with diagnostics. It never asks a provider for a secret.
 */
package dev.forma.engine.query;
