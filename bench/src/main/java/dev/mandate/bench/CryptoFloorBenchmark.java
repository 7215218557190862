package dev.mandate.bench;

import com.nimbusds.jose.jwk.ECKey;
import dev.mandate.bench.load.CryptoFloorOp;
import dev.mandate.sts.client.AuthMethod;
import dev.mandate.sts.client.AuthenticatedClient;
import dev.mandate.sts.demo.DemoTokens;
import dev.mandate.sts.keys.SigningAlgorithm;
import dev.mandate.sts.keys.SigningKeys;
import dev.mandate.sts.mint.TokenMinter;
import dev.mandate.sts.oauth.TokenTypes;
import dev.mandate.sts.pdp.Grant;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The STS's crypto floor as a micro-benchmark: one ES256 verify of a demo subject token plus one
 * ES256 sign of an access token shaped like the one the STS issues for the benchmark's exchange
 * (the same {@link CryptoFloorOp} that {@code ./mandate bench-sts} times next to the STS), and
 * each half alone. Run with {@code -t max} to use every CPU as the server would:
 * {@code ./mandate bench CryptoFloorBenchmark -t max}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class CryptoFloorBenchmark {
  private static final String IDP = "https://idp.acme.internal";
  private static final String STS = "https://sts.acme.internal";

  private CryptoFloorOp op;
  private final AtomicInteger next = new AtomicInteger();

  @Setup
  public void setup() {
    ECKey idpKey = SigningAlgorithm.ES256.generate().toECKey();
    SigningKeys stsKeys = SigningKeys.loadOrCreate(null, SigningAlgorithm.ES256,
        Duration.ofHours(1), Clock.systemUTC());
    List<String> subjects = new ArrayList<>();
    Instant now = Instant.now();
    for (int i = 0; i < 1000; i++) {
      subjects.add(DemoTokens.sign(idpKey, new DemoTokens.Spec(IDP, "alice", "acme",
          "files:read files:write calendar:read", List.of(STS), 86_400, null, "prod", null),
          now));
    }
    // What the shipped policy grants for chat-web's exchange of alice's token (bench-sts).
    Grant grant = new Grant("file-service", List.of("files:read"), 1200,
        TokenTypes.ACCESS_TOKEN, "alice", null, Map.of("tenant", "acme"));
    String issued = new TokenMinter(STS, stsKeys).mint(grant,
        new AuthenticatedClient("chat-web", AuthMethod.CLIENT_SECRET_BASIC),
        "01a20188-09a9-77ee-97e3-52048d489539", now).token();
    op = new CryptoFloorOp(subjects, idpKey, stsKeys.current().toECKey(), issued);
  }

  @Benchmark
  public String verifyAndSign() {
    return op.run(next.getAndIncrement());
  }

  @Benchmark
  public boolean verifyOnly() {
    return op.verifyOnly(next.getAndIncrement());
  }

  @Benchmark
  public String signOnly() {
    return op.signOnly();
  }
}
