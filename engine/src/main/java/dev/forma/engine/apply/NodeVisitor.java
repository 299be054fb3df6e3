package dev.forma.engine.apply;

import dev.forma.provider.api.diag.Diagnostics;

/**
 * The work {@link GraphWalker} does at one node. It returns the node's diagnostics: the node failed
 * when they hold an error, and then its dependents are skipped. A visitor may be called from
 * several threads at once (for different nodes) and must stop promptly when its thread is
 * interrupted. A thrown exception is a bug; the walker records it as the node's failure.
 */
@FunctionalInterface
public interface NodeVisitor<N> {
  Diagnostics visit(N node) throws InterruptedException;
}
