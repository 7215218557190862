package dev.mandate.rego.cli;

import dev.mandate.rego.EvalOptions;
import dev.mandate.rego.Policy;
import dev.mandate.rego.PreparedQuery;
import dev.mandate.rego.QueryResult;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code eval}: one query, printed as {@code opa eval --format json} prints it. */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = "Evaluate a Rego query and print the result set as JSON (like opa eval).")
final class EvalCommand extends RegoCommand {
  @Mixin PolicyInputs inputs;

  @Option(names = {"--strict-builtin-errors", "--strict"},
      description = "Treat built-in errors as errors instead of undefined.")
  boolean strict;

  @Option(names = "--timeout", converter = DurationConverter.class, defaultValue = "10s",
      paramLabel = "<duration>", description = "Evaluation deadline (Go syntax). Default: 10s.")
  Duration timeout;

  @Option(names = "--fail", description = "Exit 1 when the result is undefined.")
  boolean failUndefined;

  @Option(names = "--fail-defined", description = "Exit 1 when the result is defined.")
  boolean failDefined;

  @Parameters(index = "0", paramLabel = "<query>", description = "The query, e.g. data.authz.allow")
  String query;

  @Override
  protected int run() {
    Policy policy = inputs.load().compile();
    PreparedQuery prepared = policy.prepare(query);
    EvalOptions options = EvalOptions.defaults()
        .input(inputs.input(parent.stdin()))
        .timeout(timeout)
        .strict(strict);
    List<QueryResult> results = prepared.eval(options);
    out().print(EvalOutput.format(query, prepared.expressionTexts(), results));
    if (failUndefined && results.isEmpty() || failDefined && !results.isEmpty()) {
      return RegoCli.FAILED;
    }
    return RegoCli.OK;
  }
}
