package dev.mandate.rego.cli;

import dev.mandate.rego.EvalOptions;
import dev.mandate.rego.PreparedQuery;
import dev.mandate.rego.QueryResult;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bench}: like opa bench, prepares the query once, warms the JVM up, then times
 * {@code --count} evaluations (stopping early at {@code --max-time}) and prints latency
 * percentiles together with the result.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Benchmark a query: prepare once, evaluate many times, print latency.")
final class BenchCommand extends RegoCommand {
  @Mixin PolicyInputs inputs;

  @Option(names = "--count", defaultValue = "10000", paramLabel = "<n>",
      description = "Timed evaluations. Default: 10000.")
  int count;

  @Option(names = "--warmup", converter = DurationConverter.class, defaultValue = "1s",
      paramLabel = "<duration>", description = "Untimed evaluations for this long first. Default: 1s.")
  Duration warmup;

  @Option(names = "--max-time", converter = DurationConverter.class, defaultValue = "60s",
      paramLabel = "<duration>", description = "Stop timing after this long. Default: 60s.")
  Duration maxTime;

  @Option(names = {"--strict-builtin-errors", "--strict"},
      description = "Treat built-in errors as errors instead of undefined.")
  boolean strict;

  @Option(names = "--timeout", converter = DurationConverter.class, defaultValue = "10s",
      paramLabel = "<duration>", description = "Deadline of each evaluation. Default: 10s.")
  Duration timeout;

  @Option(names = {"-f", "--format"}, defaultValue = "pretty", paramLabel = "<pretty|json>",
      description = "Output format: pretty (a table) or json. Default: pretty.")
  Format format;

  @Parameters(index = "0", paramLabel = "<query>")
  String query;

  enum Format { pretty, json }

  @Override
  protected int run() {
    if (count < 1) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--count must be at least 1");
    }
    PreparedQuery prepared = inputs.load().compile().prepare(query);
    EvalOptions options = EvalOptions.defaults()
        .input(inputs.input(parent.stdin()))
        .timeout(timeout)
        .strict(strict);
    List<QueryResult> result = prepared.eval(options);

    long warmupEnd = System.nanoTime() + warmup.toNanos();
    while (System.nanoTime() < warmupEnd) {
      prepared.eval(options);
    }
    long[] samples = new long[count];
    int taken = 0;
    long deadline = System.nanoTime() + maxTime.toNanos();
    while (taken < count) {
      long start = System.nanoTime();
      prepared.eval(options);
      long end = System.nanoTime();
      samples[taken++] = end - start;
      if (end > deadline) {
        break;
      }
    }
    BenchStats stats = BenchStats.of(samples, taken);
    Map<String, Object> envelope = EvalOutput.envelope(query, prepared.expressionTexts(), result);
    if (format == Format.json) {
      Map<String, Object> out = new LinkedHashMap<>(stats.toMap());
      out.put("result", envelope);
      out().print(GoJson.pretty(out));
    } else {
      out().print(GoJson.pretty(envelope));
      out().print(table(stats));
    }
    return RegoCli.OK;
  }

  static String table(BenchStats stats) {
    Map<String, Object> rows = stats.toMap();
    int keyWidth = rows.keySet().stream().mapToInt(String::length).max().orElse(0);
    int valueWidth = rows.values().stream().mapToInt(v -> v.toString().length()).max().orElse(0);
    String border = "+" + "-".repeat(keyWidth + 2) + "+" + "-".repeat(valueWidth + 2) + "+\n";
    StringBuilder sb = new StringBuilder(border);
    rows.forEach((k, v) -> sb.append("| ").append(pad(k.replace("ns_per_op", "ns/op"), keyWidth))
        .append(" | ").append(" ".repeat(valueWidth - v.toString().length())).append(v)
        .append(" |\n"));
    return sb.append(border).toString();
  }

  private static String pad(String s, int width) {
    return s + " ".repeat(Math.max(0, width - s.length()));
  }
}
