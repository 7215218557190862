package dev.mandate.rego.cli;

import dev.mandate.rego.EvalException;
import dev.mandate.rego.RegoException;
import dev.mandate.rego.loader.LoadException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * Base of the subcommands: turns the errors a user can cause (unreadable files, policies that
 * do not compile, queries that fail) into clean messages on stderr and exit code 1.
 */
abstract class RegoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @ParentCommand RegoCli parent;

  @Override
  public final Integer call() throws Exception {
    try {
      return run();
    } catch (LoadException e) {
      err().println("error: " + e.getMessage());
    } catch (RegoException e) {
      ErrorLines.of(e).forEach(err()::println);
    } catch (EvalException e) {
      err().println(ErrorLines.of(e));
    } finally {
      out().flush();
      err().flush();
    }
    return RegoCli.FAILED;
  }

  protected abstract int run() throws Exception;

  protected PrintWriter out() {
    return spec.commandLine().getOut();
  }

  protected PrintWriter err() {
    return spec.commandLine().getErr();
  }
}
