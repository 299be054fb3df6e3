package dev.forma.engine.apply;

import dev.forma.engine.plan.Plan;

/**
 * What an apply did, counted as Terraform's closing line counts it: a replacement is one added and
 * one destroyed; imports are counted apart. {@code succeeded} is false when a step failed or the
 * apply was stopped (Terraform prints no "Apply complete!" line then).
 */
public record ApplySummary(
    Plan.Mode mode, int imported, int added, int changed, int destroyed, boolean succeeded) {}
