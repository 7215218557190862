package dev.mandate.bench.load;

import com.nimbusds.jose.jwk.ECKey;
import dev.mandate.sts.Sts;
import dev.mandate.sts.config.StsConfig;
import dev.mandate.sts.demo.DemoEnvironment;
import dev.mandate.sts.demo.DemoTokens;
import dev.mandate.sts.oauth.TokenTypes;
import dev.mandate.sts.pdp.InProcessPdpClient;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The STS as {@code mandate serve} runs it, in this JVM: the demo world (demo issuers, demo
 * clients, the STS's own ES256 signing keys) generated into a fresh state folder, the in-process
 * PDP on the given policies with its decision log and its default 100 ms deadline (so exchanges
 * run on the STS's event loops, one per CPU), and the audit lines
 * appended to a file as {@code serve --audit-file} does. Also mints subject tokens as the demo
 * identity provider and builds the form of the exchange the benchmark repeats: the first step of
 * {@code mandate demo}, chat-web ({@code client_secret_basic}) swapping alice's token for one
 * aimed at {@code file-service} with scope {@code files:read}.
 */
final class DemoSts implements AutoCloseable {
  static final String CLIENT = "chat-web";
  static final String CLIENT_SECRET = "chat-web-demo-secret";
  static final String AUDIENCE = "file-service";
  static final String SCOPE = "files:read";

  private final Path state;
  private final DemoEnvironment demo;
  private final Sts sts;
  private final BufferedWriter auditWriter;

  private DemoSts(Path state, DemoEnvironment demo, Sts sts, BufferedWriter auditWriter) {
    this.state = state;
    this.demo = demo;
    this.sts = sts;
    this.auditWriter = auditWriter;
  }

  static DemoSts start(Path policies) throws IOException {
    Path state = Files.createTempDirectory("mandate-bench-sts");
    DemoEnvironment demo = DemoEnvironment.open(state);
    StsConfig config = demo.configure(StsConfig.defaults().withPort(0));
    config = config.withPdp(policies, null, state.resolve("decisions.log"));
    InProcessPdpClient pdp = new InProcessPdpClient(config.policies(), config.decisionLog(),
        InProcessPdpClient.DEFAULT_DEADLINE, Duration.ofSeconds(2));
    BufferedWriter audit = Files.newBufferedWriter(state.resolve("audit.log"),
        StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    Sts sts = Sts.start(config, pdp, auditSink(audit), Clock.systemUTC());
    return new DemoSts(state, demo, sts, audit);
  }

  /** As {@code serve --audit-file}: one line per exchange, written and flushed under a lock. */
  private static Consumer<String> auditSink(BufferedWriter w) {
    return line -> {
      synchronized (w) {
        try {
          w.write(line);
          w.newLine();
          w.flush();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    };
  }

  int port() {
    return sts.port();
  }

  /** The key the demo identity provider signs subject tokens with. */
  ECKey issuerKey() {
    return demo.issuerKey(DemoEnvironment.ACME_IDP).toECKey();
  }

  /** The STS's current signing key. */
  ECKey signingKey() {
    return sts.keys().current().toECKey();
  }

  /** {@code count} distinct alice tokens from the demo IdP, valid for {@code ttl}. */
  List<String> subjectTokens(int count, Duration ttl) {
    List<String> out = new ArrayList<>(count);
    Instant now = Instant.now();
    for (int i = 0; i < count; i++) {
      out.add(DemoTokens.sign(demo.issuerKey(DemoEnvironment.ACME_IDP),
          new DemoTokens.Spec(DemoEnvironment.ACME_IDP, "alice", "acme",
              "files:read files:write calendar:read", List.of(DemoEnvironment.STS_ISSUER),
              ttl.toSeconds(), null, "prod", null), now));
    }
    return out;
  }

  /** The exchange's form body for one subject token. */
  static String form(String subjectToken) {
    return "grant_type=" + enc(TokenTypes.TOKEN_EXCHANGE_GRANT)
        + "&subject_token=" + enc(subjectToken)
        + "&subject_token_type=" + enc(TokenTypes.ACCESS_TOKEN)
        + "&audience=" + enc(AUDIENCE)
        + "&scope=" + enc(SCOPE);
  }

  /** The client's {@code client_secret_basic} Authorization header. */
  static String authorization() {
    return "Basic " + Base64.getEncoder().encodeToString(
        (CLIENT + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** Lines in the audit log so far. */
  long auditLines() throws IOException {
    synchronized (auditWriter) {
      auditWriter.flush();
    }
    try (Stream<String> lines = Files.lines(state.resolve("audit.log"))) {
      return lines.count();
    }
  }

  @Override
  public void close() {
    sts.close();
    try {
      auditWriter.close();
    } catch (IOException e) {
      // the measurements are taken; a failing close of a throw-away file changes nothing
    }
    try (Stream<Path> files = Files.walk(state)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary folder left behind is harmless
    }
  }
}
