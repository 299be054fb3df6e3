/**
 * Alibaba Cloud's ACS3-HMAC-SHA256 request signature, as the local cloud checks it: canonical
 * request, string to sign, signature, and the verifier that applies them (plus the date window, the
 * body hash and the nonce) to a received request.
 *
 * <p>It knows nothing of HTTP servers, products or stored objects, and never logs a secret or a
 * signature.
 */
package dev.forma.emulator.signature;
