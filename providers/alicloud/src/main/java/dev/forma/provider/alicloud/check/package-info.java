/**
 * The provider's connectivity checks ({@link dev.forma.provider.api.ConnectivityChecks}, seed 004):
 * one minimal streaming chat request per model-service connection, ModelRouter model or EAS LLM
 * service, and a result that says what to fix ({@link
 * dev.forma.provider.alicloud.check.EndpointChecks} decides what to call from an instance's
 * configuration).
 *
 * <p>Calls the model endpoints named in configuration; the only cloud control API call is the
 * lookup of an EAS service (DescribeService, through the configured provider) before its endpoint
 * is called. Never puts a bearer key or a service token in a result.
 */
package dev.forma.provider.alicloud.check;
