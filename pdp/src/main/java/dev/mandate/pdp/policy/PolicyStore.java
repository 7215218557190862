package dev.mandate.pdp.policy;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Holds the policy revision that serves requests. Readers take {@link #current()} without
 * locking; a reload compiles off to the side and swaps the new snapshot in atomically only if it
 * compiled, so a bad edit never interrupts service.
 */
public final class PolicyStore {
  private static final Logger LOG = System.getLogger(PolicyStore.class.getName());

  private final PolicyDirectory directory;
  private final int preparedQueryLimit;
  private final Consumer<ReloadOutcome> listener;
  private final AtomicReference<PolicySnapshot> current = new AtomicReference<>();
  private volatile String lastRejectedRevision;

  public PolicyStore(PolicyDirectory directory, int preparedQueryLimit,
      Consumer<ReloadOutcome> listener) {
    this.directory = directory;
    this.preparedQueryLimit = preparedQueryLimit;
    this.listener = listener;
  }

  /** Loads the directory for the first time; throws {@link PolicyLoadException} if it is bad. */
  public PolicySnapshot loadInitial() {
    PolicyBundle bundle = directory.read();
    PolicySnapshot s = compile(bundle);
    current.set(s);
    LOG.log(Level.INFO, "policy revision {0} active ({1} files)", s.revision(), s.fileCount());
    return s;
  }

  /** The snapshot serving now; never null after {@link #loadInitial()}. */
  public PolicySnapshot current() {
    return current.get();
  }

  public PolicyDirectory directory() {
    return directory;
  }

  /** True if {@code revision} is what serves now or what was last rejected. */
  public boolean isKnown(String revision) {
    PolicySnapshot s = current.get();
    return s != null && s.revision().equals(revision)
        || Objects.equals(lastRejectedRevision, revision);
  }

  /** Reads the directory and, if it changed, compiles and activates it. */
  public ReloadOutcome reload() {
    return reload(directory.read());
  }

  /** Compiles and activates {@code bundle} unless it is the serving or last rejected revision. */
  public synchronized ReloadOutcome reload(PolicyBundle bundle) {
    if (isKnown(bundle.revision())) {
      return new ReloadOutcome.Unchanged(bundle.revision());
    }
    ReloadOutcome outcome;
    try {
      PolicySnapshot s = compile(bundle);
      current.set(s);
      lastRejectedRevision = null;
      LOG.log(Level.INFO, "policy revision {0} active ({1} files)", s.revision(), s.fileCount());
      outcome = new ReloadOutcome.Activated(s);
    } catch (PolicyLoadException e) {
      lastRejectedRevision = bundle.revision();
      PolicySnapshot serving = current.get();
      LOG.log(Level.ERROR, "policy reload rejected (revision {0}); revision {1} keeps serving",
          bundle.revision(), serving == null ? "none" : serving.revision());
      for (String problem : e.problems()) {
        LOG.log(Level.ERROR, problem);
      }
      outcome = new ReloadOutcome.Rejected(bundle.revision(), e.problems());
    }
    listener.accept(outcome);
    return outcome;
  }

  private PolicySnapshot compile(PolicyBundle bundle) {
    return new PolicySnapshot(PolicyCompiler.compile(bundle), bundle.revision(), Instant.now(),
        bundle.files().size(), preparedQueryLimit);
  }
}
