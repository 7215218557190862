package dev.mandate.pdp.http;

import io.vertx.ext.web.RoutingContext;

/** Small request accessors shared by the handlers. */
final class Http {
  private Http() {}

  /**
   * The client's address, {@code host:port}, for the decision log's {@code requested_by}: the
   * peer of the connection, as OPA reports it (forwarding headers are not trusted). Read from the
   * connection, not the routed request, whose address goes through Vert.x Web's forwarding parser
   * on every request.
   */
  static String remote(RoutingContext ctx) {
    var addr = ctx.request().connection().remoteAddress();
    return addr == null ? null : addr.hostAddress() + ":" + addr.port();
  }

  /** True if the query parameter is present with no value or a value other than false. */
  static boolean flag(RoutingContext ctx, String name) {
    String v = ctx.request().getParam(name);
    return v != null && !v.equalsIgnoreCase("false") && !v.equals("0");
  }
}
