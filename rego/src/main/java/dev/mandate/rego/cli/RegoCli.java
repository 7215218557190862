package dev.mandate.rego.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code mandate rego} command line: evaluate queries, run policy tests, benchmark queries
 * and run OPA's conformance suite, with the output and exit codes of the matching {@code opa}
 * commands where they have one.
 *
 * <p>Exit codes: 0 success; 1 the policy, a query or a test failed (compile or evaluation
 * errors, failing tests); 2 the command line was wrong or something unexpected broke. A user
 * error never prints a stack trace.
 */
@Command(name = "mandate rego", mixinStandardHelpOptions = true,
    versionProvider = RegoCli.Version.class,
    description = "Mandate's Rego v1 engine: evaluate, test and benchmark policies.",
    subcommands = {EvalCommand.class, TestCommand.class, BenchCommand.class,
        ConformanceCommand.class, CommandLine.HelpCommand.class})
public final class RegoCli implements Runnable {
  public static final int OK = 0;
  public static final int FAILED = 1;
  public static final int USAGE = 2;

  @Spec CommandSpec spec;

  private final InputStream stdin;

  public RegoCli() {
    this(System.in);
  }

  public RegoCli(InputStream stdin) {
    this.stdin = stdin;
  }

  InputStream stdin() {
    return stdin;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing required subcommand");
  }

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    int code = execute(args, System.in, out, err);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /** Runs the CLI in-process (as tests do) and returns the exit code. */
  public static int execute(String[] args, InputStream stdin, PrintWriter out, PrintWriter err) {
    return commandLine(stdin, out, err).execute(args);
  }

  static CommandLine commandLine(InputStream stdin, PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(new RegoCli(stdin));
    cl.setOut(out);
    cl.setErr(err);
    cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      // Anything the commands did not turn into a clean message is a bug: say so in one line.
      String m = ex.getMessage();
      commandLine.getErr().println("error: unexpected " + ex.getClass().getSimpleName()
          + (m == null ? "" : ": " + m.lines().findFirst().orElse("")));
      commandLine.getErr().flush();
      return USAGE;
    });
    return cl;
  }

  /** The version from the jar's manifest (absent when run from classes). */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = RegoCli.class.getPackage().getImplementationVersion();
      return new String[] {"mandate rego " + (v == null ? "(development build)" : v)};
    }
  }
}
