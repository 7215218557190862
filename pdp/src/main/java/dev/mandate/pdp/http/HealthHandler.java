package dev.mandate.pdp.http;

import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.StringValue;
import io.vertx.ext.web.RoutingContext;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Health in OPA's manner. {@code GET /health} (and {@code /health/ready}, {@code /ready}) answer
 * 200 once a policy revision is active and the server is not shutting down, else 500 with
 * {@code {"error": ...}}. OPA's {@code bundles} and {@code plugins} parameters are accepted: the
 * policy directory is the one bundle and there are no plugins, so both are satisfied by an active
 * revision. The body carries that revision. {@code GET /health/live} is 200 while the process
 * serves at all.
 */
final class HealthHandler {
  private final BooleanSupplier ready;
  private final Supplier<String> revision;

  HealthHandler(BooleanSupplier ready, Supplier<String> revision) {
    this.ready = ready;
    this.revision = revision;
  }

  ApiResponse health(RoutingContext ctx) {
    if (!ready.getAsBoolean()) {
      return ApiResponse.json(500, ObjectValue.of("error", StringValue.of("not ready")));
    }
    return ApiResponse.json(200, ObjectValue.of("policy_revision",
        StringValue.of(revision.get())));
  }

  ApiResponse live(RoutingContext ctx) {
    return ApiResponse.json(200, ObjectValue.EMPTY);
  }
}
