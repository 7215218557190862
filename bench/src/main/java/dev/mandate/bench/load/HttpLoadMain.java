package dev.mandate.bench.load;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The generator on its own, against any URL: e.g. a decision service started separately with
 * {@code ./mandate pdp}, so generator and server run in different processes (or machines).
 */
@Command(name = "http-load", mixinStandardHelpOptions = true,
    description = "POSTs one body to one URL: closed loop (saturation) or open loop (fixed rate).")
public final class HttpLoadMain implements Callable<Integer> {
  @Option(names = "--url", required = true, description = "Target URL (http only).")
  URI url;

  @Option(names = "--body", required = true, paramLabel = "FILE",
      description = "Request body (JSON).")
  Path body;

  @Option(names = "--expect", paramLabel = "TEXT", defaultValue = "",
      description = "Text every response body must contain (besides status 200).")
  String expect;

  @Option(names = "--mode", defaultValue = "saturation",
      description = "saturation or fixed-rate (default: ${DEFAULT-VALUE}).")
  String mode;

  @Option(names = "--connections", defaultValue = "32", paramLabel = "N")
  int connections;

  @Option(names = "--rate", defaultValue = "5000", paramLabel = "REQ_PER_S")
  double rate;

  @Option(names = "--warmup", defaultValue = "10", paramLabel = "SECONDS",
      description = "Minimum warm-up; at saturation it lasts on while this JVM's JIT compiles "
          + "(up to 60 s more).")
  int warmupSeconds;

  @Option(names = "--duration", defaultValue = "15", paramLabel = "SECONDS")
  int durationSeconds;

  @Option(names = "--format", defaultValue = "table", description = "table or json.")
  String format;

  @Override
  public Integer call() throws Exception {
    LoadTarget target = LoadTarget.of(url.getHost(), url, Files.readAllBytes(body),
        ResponseCheck.ok(expect));
    Duration warmup = Duration.ofSeconds(warmupSeconds);
    Duration duration = Duration.ofSeconds(durationSeconds);
    LoadResult r;
    try (HttpLoad load = new HttpLoad()) {
      r = switch (mode) {
        case LoadResult.SATURATION -> load.saturate(target, connections, warmup, duration);
        case LoadResult.FIXED_RATE -> load.fixedRate(target, rate, connections, warmup, duration);
        default -> throw new CommandLine.ParameterException(new CommandLine(this),
            "--mode must be saturation or fixed-rate");
      };
    }
    System.out.print(format.equals("json") ? Report.write(Report.json(r)) + "\n"
        : Report.table(List.of(r)));
    return r.errors() == 0 ? 0 : 1;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new HttpLoadMain()).execute(args));
  }
}
