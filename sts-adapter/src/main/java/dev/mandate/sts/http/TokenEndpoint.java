package dev.mandate.sts.http;

import dev.mandate.sts.exchange.TokenExchange;
import dev.mandate.sts.mint.IssuedToken;
import dev.mandate.sts.oauth.OAuthException;
import dev.mandate.sts.request.FormBody;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * {@code POST /oauth2/token}. Accepts only {@code application/x-www-form-urlencoded} bodies of at
 * most {@code maxBodyBytes} (a larger body is refused with 413 as soon as it is seen) and reads
 * the body itself.
 *
 * <p>Where the exchange runs: with the in-process PDP a typical exchange is CPU-bound and short
 * (client check by HMAC, one or two signature checks, one policy evaluation within a deadline of
 * at most 100 ms, one signature), so it runs on the event loop that received the request, one
 * event loop per CPU: handing it to another thread would cost more CPU and latency than much of
 * the exchange. An exchange that may wait on I/O (a remote PDP, an issuer's remote JWKS) or
 * needs a PBKDF2 derivation (a secret not verified before) runs on the worker pool, so it cannot
 * stall the other connections of its event loop ({@link TokenExchange#runsOnEventLoop}).
 */
final class TokenEndpoint {
  private static final Logger LOG = System.getLogger(TokenEndpoint.class.getName());

  private final TokenExchange exchange;
  private final int maxBodyBytes;

  TokenEndpoint(TokenExchange exchange, int maxBodyBytes) {
    this.exchange = exchange;
    this.maxBodyBytes = maxBodyBytes;
  }

  void handle(RoutingContext ctx) {
    HttpServerRequest req = ctx.request();
    HttpServerResponse resp = ctx.response();
    String contentType = req.getHeader("Content-Type");
    if (contentType == null || !contentType.toLowerCase(Locale.ROOT).split(";")[0].trim()
        .equals("application/x-www-form-urlencoded")) {
      drain(req);
      OAuthResponses.error(resp, OAuthException.invalidRequest(
          "the request body must be application/x-www-form-urlencoded"));
      return;
    }
    String length = req.getHeader("Content-Length");
    if (length != null) {
      try {
        if (Long.parseLong(length.trim()) > maxBodyBytes) {
          tooLarge(req, resp);
          return;
        }
      } catch (NumberFormatException e) {
        OAuthResponses.error(resp, OAuthException.invalidRequest("bad Content-Length"));
        return;
      }
    }
    Buffer body = Buffer.buffer();
    boolean[] refused = {false};
    req.handler(chunk -> {
      if (refused[0]) {
        return;
      }
      if (body.length() + chunk.length() > maxBodyBytes) {
        refused[0] = true;
        tooLarge(req, resp);
        return;
      }
      body.appendBuffer(chunk);
    });
    req.endHandler(v -> {
      if (!refused[0]) {
        run(ctx, body.toString(StandardCharsets.UTF_8));
      }
    });
    req.exceptionHandler(e -> LOG.log(Level.DEBUG, "request failed: {0}", e.toString()));
    req.resume();
  }

  private void run(RoutingContext ctx, String body) {
    HttpServerRequest req = ctx.request();
    String authorization = req.getHeader("Authorization");
    String sourceIp = req.remoteAddress() == null ? null : req.remoteAddress().hostAddress();
    FormBody form;
    try {
      form = FormBody.parse(body);
    } catch (OAuthException e) {
      OAuthResponses.error(ctx.response(), e);
      return;
    }
    if (exchange.runsOnEventLoop(authorization, form)) {
      IssuedToken issued;
      try {
        issued = exchange.exchange(authorization, form, sourceIp);
      } catch (RuntimeException | StackOverflowError e) {
        fail(ctx, e);
        return;
      }
      OAuthResponses.issued(ctx.response(), issued);
      return;
    }
    ctx.vertx().<IssuedToken>executeBlocking(
            () -> exchange.exchange(authorization, form, sourceIp), false)
        .onComplete(ar -> {
          if (ar.succeeded()) {
            OAuthResponses.issued(ctx.response(), ar.result());
          } else {
            fail(ctx, ar.cause());
          }
        });
  }

  private static void fail(RoutingContext ctx, Throwable cause) {
    if (cause instanceof OAuthException e) {
      OAuthResponses.error(ctx.response(), e);
    } else {
      LOG.log(Level.ERROR, "token exchange failed", cause);
      OAuthResponses.error(ctx.response(), OAuthException.serverError("internal error"));
    }
  }

  private void tooLarge(HttpServerRequest req, HttpServerResponse resp) {
    // Vert.x closes the connection after a response that says so; the rest of the body is not
    // read.
    if (req.version() != io.vertx.core.http.HttpVersion.HTTP_2) {
      resp.putHeader("Connection", "close");
    }
    OAuthResponses.error(resp, OAuthException.of("invalid_request",
        "the request body exceeds " + maxBodyBytes + " bytes", 413));
  }

  private static void drain(HttpServerRequest req) {
    req.handler(b -> {});
    req.resume();
  }
}
