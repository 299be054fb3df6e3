/**
 * The generator of the resource documentation ({@code docs/providers/<provider>/<type>.md}) from
 * the schemas of the providers the CLI bundles. In the CLI module because the CLI's class path is
 * where the providers are found, as a run finds them; it is a build tool, not a command.
 */
package dev.forma.cli.docs;
