package dev.forma.emulator.signature;

import java.util.List;
import java.util.Map;

/**
 * A request as the server received it, in the terms the signature needs: method, decoded path
 * segments, decoded query parameters, headers by lower-case name, and the exact body bytes.
 */
public record ReceivedRequest(
    String method,
    List<String> pathSegments,
    Map<String, List<String>> query,
    Map<String, String> headers,
    byte[] body) {}
