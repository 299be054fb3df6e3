/**
 * {@code forma reconcile}: the pull-mode GitOps controller. It fetches a Git branch, plans each new
 * commit, decides by policy whether to apply it, checks for drift between commits, and reports
 * every decision (JSON lines, an HTTP status page, Prometheus metrics, webhooks).
 *
 * <p>Owns the loop ({@link dev.forma.cli.reconcile.Controller}), its policies, the Git checkout and
 * the reporting. It must not plan or apply by itself: every step is one of Forma's own commands
 * (init, plan with a saved plan, show, apply of that plan, drift), run in this process, so the
 * controller reads credentials, backends, locks and crash recovery exactly as the CLI does. It must
 * never print, serve or send a value of the state or a credential.
 */
package dev.forma.cli.reconcile;
