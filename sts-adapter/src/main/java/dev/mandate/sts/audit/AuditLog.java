package dev.mandate.sts.audit;

import dev.mandate.sts.json.JsonObjectWriter;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Consumer;

/**
 * One JSON line per token exchange, whatever its outcome: who asked (client), for whom
 * (subject, its issuer), through whom (actor chain), for what (audience, scopes granted), the
 * decision id and the outcome. Token strings are never written; an issued token is identified by
 * its {@code jti}.
 */
public final class AuditLog {
  private final Consumer<String> sink;
  private final Clock clock;

  public AuditLog(Consumer<String> sink, Clock clock) {
    this.sink = sink;
    this.clock = clock;
  }

  /** What is known about one exchange; fields not reached yet are null. */
  public record Entry(String outcome, String error, List<String> reasons, String clientId,
      String subject, String subjectIssuer, List<String> actors, String audience,
      List<String> scopes, String decisionId, String jti, Long expiresIn, String sourceIp) {}

  public void record(Entry e) {
    JsonObjectWriter line = new JsonObjectWriter(384)
        .string("audit", "token_exchange")
        .string("time", DateTimeFormatter.ISO_INSTANT.format(clock.instant()))
        .string("outcome", e.outcome())
        .string("error", e.error());
    if (e.reasons() != null && !e.reasons().isEmpty()) {
      line.strings("reasons", e.reasons());
    }
    line.string("client_id", e.clientId())
        .string("subject", e.subject())
        .string("subject_issuer", e.subjectIssuer());
    if (e.actors() != null && !e.actors().isEmpty()) {
      line.strings("actors", e.actors());
    }
    line.string("audience", e.audience())
        .strings("scopes_granted", e.scopes())
        .string("decision_id", e.decisionId())
        .string("jti", e.jti());
    if (e.expiresIn() != null) {
      line.number("expires_in", e.expiresIn());
    }
    sink.accept(line.string("source_ip", e.sourceIp()).end());
  }
}
