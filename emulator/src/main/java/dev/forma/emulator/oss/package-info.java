/**
 * The local cloud's OSS: buckets and objects kept in a folder beside the data file (one file per
 * object, its metadata on the first line), and the check of OSS request signatures (V4 and V1) as
 * OSS does it. The HTTP side (routing, XML answers, faults) is {@code http.OssGateway}.
 *
 * <p>Holds objects and checks signatures; it does not speak HTTP or know the other APIs.
 */
package dev.forma.emulator.oss;
