package dev.mandate.sts;

import dev.mandate.sts.client.SecretHash;
import dev.mandate.sts.config.ConfigLoader;
import dev.mandate.sts.config.StsConfig;
import dev.mandate.sts.demo.DemoEnvironment;
import dev.mandate.sts.demo.DemoTokens;
import dev.mandate.sts.demo.DemoTour;
import dev.mandate.sts.keys.SigningAlgorithm;
import dev.mandate.sts.pdp.InProcessPdpClient;
import dev.mandate.sts.pdp.PdpClient;
import dev.mandate.sts.pdp.RemotePdpClient;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Mandate's STS: {@code serve}, {@code sts}, {@code demo-token}, {@code demo}, {@code hash-secret}. */
@Command(name = "mandate-sts", mixinStandardHelpOptions = true,
    description = "OAuth 2.0 Token Exchange (RFC 8693) that mints tokens only on a policy permit.",
    subcommands = {StsMain.Serve.class, StsMain.RemoteSts.class, StsMain.DemoToken.class,
        StsMain.Demo.class, StsMain.HashSecret.class})
public final class StsMain implements Runnable {
  public static void main(String[] args) {
    System.exit(new CommandLine(new StsMain()).execute(args));
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  /** Options shared by {@code serve} and {@code sts}. */
  static class ServerOptions {
    @Option(names = "--port", defaultValue = "8080", description = "Port (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1",
        description = "Address to listen on (default ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--config", description = "YAML configuration (docs/sts.md). Without it, "
        + "the demo clients and issuers are used.")
    Path config;

    @Option(names = "--state-dir", description = "Where generated keys live (default "
        + "$MANDATE_STATE_DIR or ~/.mandate/sts).")
    Path stateDir;

    @Option(names = "--signing-alg", description = "ES256 (default), RS256 or EdDSA.")
    String signingAlg;

    @Option(names = "--audit-file", description = "Append audit lines here instead of stdout.")
    Path auditFile;

    StsConfig config(Path policies, URI pdpUrl) throws IOException {
      StsConfig base = config != null ? ConfigLoader.load(config) : StsConfig.defaults();
      base = new StsConfig(base.issuer(), base.baseUrl(), host, port, base.eventLoops(),
          base.environment(),
          base.maxTtlSeconds(), base.clockSkew(), base.maxTokenBytes(), base.maxBodyBytes(),
          base.assertionMaxLifetime(), base.assertionAlgorithms(),
          signingAlg != null ? SigningAlgorithm.parse(signingAlg) : base.signingAlgorithm(),
          base.keyFile(), base.rotationInterval(), base.clients(), base.issuers(),
          policies != null ? policies : base.policies(),
          pdpUrl != null ? pdpUrl : base.pdpUrl(), base.pdpTimeout(), base.pdpRetries(),
          base.decisionLog(), auditFile != null ? auditFile : base.auditFile());
      if (config == null) {
        DemoEnvironment demo = DemoEnvironment.open(state());
        base = demo.configure(base);
        if (base.decisionLog() == null && base.pdpUrl() == null) {
          base = base.withPdp(base.policies(), null, state().resolve("decisions.log"));
        }
      }
      return base;
    }

    Path state() {
      return stateDir != null ? stateDir : DemoEnvironment.defaultStateDir();
    }
  }

  static int runServer(StsConfig config, PdpClient pdp, boolean demoHelp) throws Exception {
    Consumer<String> audit = auditSink(config.auditFile());
    Sts sts = Sts.start(config, pdp, audit, Clock.systemUTC());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      sts.close();
      stopped.countDown();
    }));
    PrintStream out = System.out;
    out.println("mandate listening on " + sts.port());
    out.println("  issuer " + config.issuer() + ", token endpoint " + sts.baseUrl()
        + "/oauth2/token, " + pdp.describe());
    if (demoHelp) {
      out.println(curlHelp(sts.baseUrl()));
    }
    out.flush();
    stopped.await();
    return 0;
  }

  static String curlHelp(String base) {
    return String.join("\n",
        "",
        "Try it (demo clients' secrets are <client>-demo-secret; see docs/sts.md):",
        "  TOKEN=$(./mandate demo-token --sub alice --tenant acme --scope \"files:read files:write\")",
        "  curl -s " + base + "/oauth2/token -u chat-web:chat-web-demo-secret \\",
        "    -d grant_type=urn:ietf:params:oauth:grant-type:token-exchange \\",
        "    -d subject_token=$TOKEN \\",
        "    -d subject_token_type=urn:ietf:params:oauth:token-type:access_token \\",
        "    -d audience=file-service -d scope=files:read",
        "  curl -s " + base + "/.well-known/jwks.json",
        "");
  }

  static Consumer<String> auditSink(Path file) throws IOException {
    if (file == null) {
      return line -> {
        synchronized (System.out) {
          System.out.println(line);
        }
      };
    }
    BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8,
        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    return line -> {
      synchronized (w) {
        try {
          w.write(line);
          w.newLine();
          w.flush();
        } catch (IOException e) {
          System.err.println("mandate: cannot write the audit log: " + e.getMessage());
        }
      }
    };
  }

  @Command(name = "serve", mixinStandardHelpOptions = true,
      description = "Run the STS with the in-process PDP on the shipped policies.")
  static final class Serve implements Callable<Integer> {
    @CommandLine.Mixin
    ServerOptions opts;

    @Option(names = "--policies", description = "Policy folder (default: policies).")
    Path policies;

    @Override
    public Integer call() throws Exception {
      StsConfig config = opts.config(policies, null);
      InProcessPdpClient pdp = new InProcessPdpClient(config.policies(), config.decisionLog(),
          InProcessPdpClient.DEFAULT_DEADLINE, Duration.ofSeconds(2));
      return runServer(config, pdp, opts.config == null);
    }
  }

  @Command(name = "sts", mixinStandardHelpOptions = true,
      description = "Run the STS against a remote Mandate PDP.")
  static final class RemoteSts implements Callable<Integer> {
    @CommandLine.Mixin
    ServerOptions opts;

    @Option(names = "--pdp-url", required = true, description = "The PDP's base URL.")
    URI pdpUrl;

    @Override
    public Integer call() throws Exception {
      StsConfig config = opts.config(null, pdpUrl);
      RemotePdpClient pdp = new RemotePdpClient(config.pdpUrl(), config.pdpTimeout(),
          config.pdpRetries());
      return runServer(config, pdp, opts.config == null);
    }
  }

  @Command(name = "demo-token", mixinStandardHelpOptions = true,
      description = "Print a token signed by a demo identity provider (stdout: the token only).")
  static final class DemoToken implements Callable<Integer> {
    @Option(names = "--sub", defaultValue = "alice") String sub;
    @Option(names = "--tenant", defaultValue = "acme",
        description = "tenant claim; empty for none") String tenant;
    @Option(names = "--scope", defaultValue = "files:read files:write calendar:read")
    String scope;
    @Option(names = "--aud", description = "aud claim (repeatable); default: the STS issuer")
    List<String> aud;
    @Option(names = "--ttl", defaultValue = "3600", description = "lifetime in seconds")
    long ttl;
    @Option(names = "--act", description = "an act claim naming this earlier actor")
    String act;
    @Option(names = "--issuer", defaultValue = DemoEnvironment.ACME_IDP,
        description = "demo issuer: " + DemoEnvironment.ACME_IDP + " or "
            + DemoEnvironment.PARTNER_IDP)
    String issuer;
    @Option(names = "--env", defaultValue = "prod", description = "env claim; empty for none")
    String env;
    @Option(names = "--roles", split = ",", description = "roles claim, comma-separated")
    List<String> roles;
    @Option(names = "--state-dir") Path stateDir;

    @Override
    public Integer call() {
      DemoEnvironment demo = DemoEnvironment.open(stateDir != null ? stateDir
          : DemoEnvironment.defaultStateDir());
      String token = DemoTokens.sign(demo.issuerKey(issuer), new DemoTokens.Spec(issuer, sub,
          tenant.isEmpty() ? null : tenant, scope,
          aud != null ? aud : List.of(DemoEnvironment.STS_ISSUER), ttl, act,
          env.isEmpty() ? null : env, roles), Instant.now());
      System.out.println(token);
      return 0;
    }
  }

  @Command(name = "demo", mixinStandardHelpOptions = true,
      description = "A scripted tour: starts an STS with the in-process PDP and runs exchanges.")
  static final class Demo implements Callable<Integer> {
    @Option(names = "--policies", defaultValue = "policies") Path policies;

    @Override
    public Integer call() throws Exception {
      return new DemoTour(policies, System.out).run() ? 0 : 1;
    }
  }

  @Command(name = "hash-secret", mixinStandardHelpOptions = true,
      description = "Hash a client secret (read from stdin) for the configuration's secret_hash.")
  static final class HashSecret implements Callable<Integer> {
    @Option(names = "--iterations", defaultValue = "600000") int iterations;

    @Override
    public Integer call() throws IOException {
      byte[] in = System.in.readAllBytes();
      String secret = new String(in, StandardCharsets.UTF_8).strip();
      Arrays.fill(in, (byte) 0);
      if (secret.isEmpty()) {
        System.err.println("mandate: no secret on standard input");
        return 2;
      }
      System.out.println(SecretHash.create(secret, iterations).format());
      return 0;
    }
  }
}
