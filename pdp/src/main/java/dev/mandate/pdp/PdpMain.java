package dev.mandate.pdp;

import dev.mandate.pdp.config.ConfigException;
import dev.mandate.pdp.config.ConfigLoader;
import dev.mandate.pdp.config.PdpConfig;
import dev.mandate.pdp.policy.PolicyLoadException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -jar mandate-pdp.jar [--config pdp.yaml] [--port 8181] [--policies dir]}.
 *
 * <p>Prints exactly one line to standard output, {@code pdp listening on <port>}, once requests
 * can be served; everything else goes to standard error through the logger. SIGTERM (or Ctrl-C)
 * shuts down gracefully: no new requests, in-flight requests finish, the decision log is flushed.
 * Exit codes: 0 after a clean shutdown, 1 if policies or configuration are bad, 2 for bad flags.
 */
@Command(name = "mandate-pdp", mixinStandardHelpOptions = true,
    versionProvider = PdpMain.Version.class,
    description = "Mandate's policy decision point: token exchange decisions, OPA Data API, "
        + "AuthZEN, decision logs.")
public final class PdpMain implements Callable<Integer> {
  @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration file.")
  Path config;

  @Option(names = "--port", paramLabel = "N", description = "Port to listen on (0 = any free).")
  Integer port;

  @Option(names = "--policies", paramLabel = "DIR", description = "Policy directory.")
  Path policies;

  @Override
  public Integer call() throws InterruptedException {
    PdpConfig cfg;
    Pdp pdp;
    try {
      cfg = config == null ? PdpConfig.defaults() : ConfigLoader.load(config);
      if (port != null) {
        cfg = cfg.withPort(port);
      }
      if (policies != null) {
        cfg = cfg.withPolicyDir(policies);
      }
      pdp = Pdp.start(cfg);
    } catch (ConfigException e) {
      System.err.println("mandate-pdp: configuration error: " + e.getMessage());
      return 1;
    } catch (PolicyLoadException e) {
      System.err.println("mandate-pdp: policies do not compile:");
      e.problems().forEach(p -> System.err.println("  " + p));
      return 1;
    } catch (RuntimeException e) {
      System.err.println("mandate-pdp: cannot start: " + e.getMessage());
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      // Straight to stderr: java.util.logging resets its handlers in its own shutdown hook.
      System.err.println("mandate-pdp: shutting down");
      pdp.close();
      System.err.println("mandate-pdp: stopped; decision log flushed");
      stopped.countDown();
    }, "pdp-shutdown"));
    System.out.println("pdp listening on " + pdp.port());
    System.out.flush();
    stopped.await();
    return 0;
  }

  public static void main(String[] args) {
    // One line per log record, on standard error, unless the operator configured logging.
    if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
      System.setProperty("java.util.logging.SimpleFormatter.format",
          "%1$tFT%1$tT.%1$tLZ %4$s %3$s: %5$s%6$s%n");
    }
    int code = new CommandLine(new PdpMain()).execute(args);
    if (code != 0) {
      System.exit(code);
    }
  }

  /** Reports the build's version for {@code --version}. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"mandate-pdp " + Pdp.version()};
    }
  }
}
