package dev.mandate.pdp.policy;

import java.util.List;

/** What happened when the store was asked to take a new bundle. */
public sealed interface ReloadOutcome {
  /** The bundle has the revision already serving (or already rejected): nothing to do. */
  record Unchanged(String revision) implements ReloadOutcome {}

  /** The bundle compiled and now serves. */
  record Activated(PolicySnapshot snapshot) implements ReloadOutcome {}

  /** The bundle did not compile; the previous revision keeps serving. */
  record Rejected(String revision, List<String> problems) implements ReloadOutcome {}
}
