/**
 * Connectivity checks of model endpoints (seed 004): one minimal streaming chat request per
 * model-service connection or ModelRouter model, and a result that says what to fix.
 *
 * <p>Talks only to the model endpoints named in configuration, never to the cloud control APIs;
 * never prints the bearer key.
 */
package dev.forma.provider.alicloud.check;
