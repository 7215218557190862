package dev.mandate.rego.conformance;

import java.time.Duration;

/**
 * What happened to one case.
 *
 * @param note the case's (unique) note
 * @param file the YAML file, relative to the suite directory
 * @param passed whether the outcome matched the expectation
 * @param expected what the case wanted, in words (for failure reports)
 * @param actual what happened, in words
 * @param elapsed wall time spent on the case
 */
public record CaseOutcome(String note, String file, boolean passed, String expected,
    String actual, Duration elapsed) {}
