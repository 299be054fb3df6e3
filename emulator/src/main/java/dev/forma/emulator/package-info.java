/**
 * The local cloud: a stand-in for the Alibaba Cloud APIs Forma drives (../shared/API.md) over real
 * HTTP on 127.0.0.1, started embedded ({@link dev.forma.emulator.LocalCloud#start}) or by {@code
 * forma local-cloud serve}. This package is the public entry point and its options; the
 * sub-packages hold the signature check, the APIs, the store, the faults and the chat endpoint.
 *
 * <p>It must not depend on the engine or the providers: it is "the cloud".
 */
package dev.forma.emulator;
