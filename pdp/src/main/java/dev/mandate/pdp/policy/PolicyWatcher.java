package dev.mandate.pdp.policy;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Rescans the policy directory periodically and reloads it once a change has settled.
 *
 * <p>A periodic content scan is used rather than a {@code WatchService}: it sees changes in
 * nested directories and through symbolic links (Kubernetes ConfigMap updates swap a link), it
 * behaves the same on every file system, and a policy directory is small. The debounce is one
 * scan: a new revision is only compiled when two consecutive scans agree on it, so an editor or
 * a copy that writes several files is not caught half-way.
 */
public final class PolicyWatcher implements AutoCloseable {
  private static final Logger LOG = System.getLogger(PolicyWatcher.class.getName());

  private final PolicyStore store;
  private final Duration interval;
  private final ScheduledExecutorService scheduler;
  private String pendingRevision;

  public PolicyWatcher(PolicyStore store, Duration interval) {
    this.store = store;
    this.interval = interval;
    this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "policy-watcher");
      t.setDaemon(true);
      return t;
    });
  }

  public void start() {
    long ms = interval.toMillis();
    scheduler.scheduleWithFixedDelay(this::scanSafely, ms, ms, TimeUnit.MILLISECONDS);
  }

  private void scanSafely() {
    try {
      scan();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "policy directory scan failed: {0}", e.getMessage());
    }
  }

  /** One scan step; package-visible so tests can drive it without waiting. */
  void scan() {
    PolicyBundle bundle = store.directory().read();
    String revision = bundle.revision();
    if (store.isKnown(revision)) {
      pendingRevision = null;
      return;
    }
    if (!revision.equals(pendingRevision)) {
      pendingRevision = revision;
      return;
    }
    pendingRevision = null;
    store.reload(bundle);
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
