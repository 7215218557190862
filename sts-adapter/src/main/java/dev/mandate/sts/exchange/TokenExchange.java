package dev.mandate.sts.exchange;

import com.nimbusds.jose.KeySourceException;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.sts.audit.AuditLog;
import dev.mandate.sts.client.AuthenticatedClient;
import dev.mandate.sts.client.ClientAuthenticator;
import dev.mandate.sts.mint.ActChain;
import dev.mandate.sts.mint.GrantCheck;
import dev.mandate.sts.mint.IssuedToken;
import dev.mandate.sts.mint.TokenMinter;
import dev.mandate.sts.oauth.OAuthErrors;
import dev.mandate.sts.oauth.OAuthException;
import dev.mandate.sts.oauth.TokenTypes;
import dev.mandate.sts.pdp.ExchangeInputBuilder;
import dev.mandate.sts.pdp.MalformedDecisionException;
import dev.mandate.sts.pdp.PdpClient;
import dev.mandate.sts.pdp.PdpDecision;
import dev.mandate.sts.pdp.PdpUnavailableException;
import dev.mandate.sts.request.FormBody;
import dev.mandate.sts.request.TokenExchangeRequest;
import dev.mandate.sts.token.TokenRejectedException;
import dev.mandate.sts.token.TokenValidator;
import dev.mandate.sts.token.ValidatedToken;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One token exchange, start to finish, independent of HTTP: parameter checks, client
 * authentication, subject and actor token validation, the PDP's decision, the grant re-check,
 * minting, and the audit line. Returns the issued token or throws the {@link OAuthException} to
 * answer with. {@link #runsOnEventLoop} says whether a request's exchange may run on an event
 * loop or must go to a worker thread.
 */
public final class TokenExchange {
  private static final Logger LOG = System.getLogger(TokenExchange.class.getName());
  /** Seconds a client should wait before retrying a request that awaits approval. */
  public static final int APPROVAL_POLL_INTERVAL = 5;
  /** The decision service's fail-closed reason codes (ExchangeDecision). */
  private static final String PDP_TIMEOUT = dev.mandate.pdp.exchange.ExchangeDecision.TIMEOUT;
  private static final String PDP_POLICY_ERROR =
      dev.mandate.pdp.exchange.ExchangeDecision.POLICY_ERROR;

  private final ClientAuthenticator clients;
  private final TokenValidator tokens;
  private final PdpClient pdp;
  private final TokenMinter minter;
  private final AuditLog audit;
  private final Clock clock;
  private final long maxTtlSeconds;
  private final String environment;
  /** Some step may wait on I/O whatever the request: fixed by the configuration. */
  private final boolean mayBlock;

  public TokenExchange(ClientAuthenticator clients, TokenValidator tokens, PdpClient pdp,
      TokenMinter minter, AuditLog audit, Clock clock, long maxTtlSeconds, String environment) {
    this.clients = clients;
    this.tokens = tokens;
    this.pdp = pdp;
    this.minter = minter;
    this.audit = audit;
    this.clock = clock;
    this.maxTtlSeconds = maxTtlSeconds;
    this.environment = environment;
    this.mayBlock = pdp.blocks() || tokens.mayBlock();
  }

  /**
   * True if this request's exchange is CPU-bound and short enough for an event loop: the PDP
   * does not block (an in-process evaluation with a short deadline; a remote PDP is an HTTP call
   * with timeouts and retries), no trusted issuer's keys are fetched over the network, and the
   * client's authentication costs no PBKDF2 derivation. What is left is a few signature checks,
   * one evaluation and one signature, well under a millisecond. False: run it on a worker thread
   * so it cannot stall the other connections of the event loop.
   */
  public boolean runsOnEventLoop(String authorization, FormBody form) {
    return !mayBlock && clients.isQuick(authorization, form);
  }

  /** What the audit line knows so far; filled in as the exchange proceeds. */
  private static final class Trail {
    String clientId;
    ValidatedToken subject;
    ValidatedToken actor;
    String decisionId;
    List<String> reasons;
  }

  public IssuedToken exchange(String authorization, FormBody form, String sourceIp) {
    Trail t = new Trail();
    try {
      IssuedToken issued = run(authorization, form, sourceIp, t);
      return issued;
    } catch (OAuthException e) {
      audit.record(new AuditLog.Entry("denied", e.error(), t.reasons, t.clientId,
          t.subject == null ? null : t.subject.subject(),
          t.subject == null ? null : t.subject.issuer(), actors(t), null, null, t.decisionId,
          null, null, sourceIp));
      throw e;
    }
  }

  private IssuedToken run(String authorization, FormBody form, String sourceIp, Trail t) {
    for (String p : TokenExchangeRequest.SINGLE_VALUED) {
      form.single(p);
    }
    String grantType = form.single("grant_type");
    if (grantType == null) {
      throw OAuthException.invalidRequest("missing parameter grant_type");
    }
    if (!TokenTypes.TOKEN_EXCHANGE_GRANT.equals(grantType)) {
      throw OAuthException.of(OAuthErrors.UNSUPPORTED_GRANT_TYPE,
          "only " + TokenTypes.TOKEN_EXCHANGE_GRANT + " is supported", 400);
    }
    AuthenticatedClient client = clients.authenticate(authorization, form);
    t.clientId = client.id();
    TokenExchangeRequest req = TokenExchangeRequest.from(form);
    t.subject = validate(req.subjectToken(), req.subjectTokenType(), "subject");
    if (req.hasActor()) {
      t.actor = validate(req.actorToken(), req.actorTokenType(), "actor");
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    ObjectValue input = ExchangeInputBuilder.build(req, client, t.subject, t.actor, now,
        sourceIp, environment);
    PdpDecision decision;
    try {
      decision = pdp.decide(input);
    } catch (PdpUnavailableException e) {
      LOG.log(Level.WARNING, "PDP unavailable: {0}", e.getMessage());
      throw OAuthException.unavailable("the policy decision point is unavailable");
    } catch (MalformedDecisionException e) {
      LOG.log(Level.ERROR, "PDP decision {0} rejected: {1}", e.decisionId(), e.getMessage());
      t.decisionId = e.decisionId();
      OAuthException refusal = OAuthException.serverError("the policy decision could not be used");
      throw e.decisionId() == null ? refusal : refusal.with("decision_id", e.decisionId());
    }
    t.decisionId = decision.decisionId();
    return switch (decision) {
      case PdpDecision.Permit p -> permit(p, req, client, t, now, sourceIp);
      case PdpDecision.Deny d -> {
        t.reasons = d.reasonCodes();
        // The PDP fails closed with these two codes when it could not decide at all: report
        // them as what they are rather than as a fault in the client's request.
        if (d.reasonCodes().equals(List.of(PDP_TIMEOUT))) {
          throw OAuthException.unavailable("the policy did not decide in time")
              .with("decision_id", d.decisionId());
        }
        if (d.reasonCodes().equals(List.of(PDP_POLICY_ERROR))) {
          throw OAuthException.serverError("the policy failed to decide")
              .with("decision_id", d.decisionId());
        }
        throw OAuthException.of(denyError(d.error()), describe(d.reasonCodes()), 400)
            .with("decision_id", d.decisionId());
      }
      case PdpDecision.ApprovalPending a -> {
        t.reasons = List.of("approval_required");
        if (a.approvers().isEmpty()) {
          // The catalog names no approver: nobody can approve, so this is a plain denial.
          throw OAuthException.of(OAuthErrors.INVALID_SCOPE,
              "scopes need approval but no approver is configured", 400)
              .with("decision_id", a.decisionId());
        }
        throw OAuthException.of(OAuthErrors.AUTHORIZATION_PENDING,
            "scopes " + String.join(" ", a.scopes()) + " await approval", 400)
            .with("interval", APPROVAL_POLL_INTERVAL)
            .with("decision_id", a.decisionId());
      }
    };
  }

  private IssuedToken permit(PdpDecision.Permit p, TokenExchangeRequest req,
      AuthenticatedClient client, Trail t, Instant now, String sourceIp) {
    String problem = GrantCheck.problem(p.grant(), req, t.subject, client, maxTtlSeconds);
    if (problem != null) {
      LOG.log(Level.ERROR, "decision {0} permitted a grant the STS refuses: {1}",
          p.decisionId(), problem);
      t.reasons = List.of("grant_check_failed");
      throw OAuthException.serverError("the policy decision failed a consistency check")
          .with("decision_id", p.decisionId());
    }
    IssuedToken issued = minter.mint(p.grant(), client, p.decisionId(), now);
    audit.record(new AuditLog.Entry("issued", null, null, client.id(), t.subject.subject(),
        t.subject.issuer(), p.grant().act() == null ? List.of()
            : ActChain.actors(p.grant().act()),
        p.grant().audience(), p.grant().scope(), p.decisionId(), issued.jti(),
        issued.expiresIn(), sourceIp));
    return issued;
  }

  private ValidatedToken validate(String token, String type, String role) {
    try {
      return tokens.validate(token, type, role);
    } catch (TokenRejectedException e) {
      LOG.log(Level.INFO, "{0} token rejected: {1} ({2})", role, e.reason(), e.getMessage());
      throw OAuthException.invalidGrant(role + "_token rejected: " + e.reason());
    } catch (KeySourceException e) {
      LOG.log(Level.WARNING, "cannot fetch issuer keys: {0}", e.getMessage());
      throw OAuthException.unavailable("the issuer's keys cannot be fetched now");
    }
  }

  /** The PDP's error if it is one a token endpoint may return; else invalid_request. */
  private static String denyError(String error) {
    return switch (error) {
      case OAuthErrors.INVALID_REQUEST, OAuthErrors.INVALID_GRANT, OAuthErrors.UNAUTHORIZED_CLIENT,
          OAuthErrors.INVALID_SCOPE, OAuthErrors.INVALID_TARGET,
          OAuthErrors.AUTHORIZATION_PENDING -> error;
      default -> OAuthErrors.INVALID_REQUEST;
    };
  }

  /** The reason codes only: messages can carry policy internals and stay in the PDP's log. */
  private static String describe(List<String> codes) {
    return codes.isEmpty() ? "denied by policy" : "denied by policy: " + String.join(", ", codes);
  }

  private static List<String> actors(Trail t) {
    List<String> out = new ArrayList<>();
    if (t.actor != null) {
      out.add(t.actor.subject());
      Object act = t.subject == null ? null : t.subject.claims().getClaim("act");
      if (act instanceof Map<?, ?> m) {
        out.addAll(ActChain.actors(m));
      }
    }
    return out;
  }
}
