# The decision document: the one rule the STS queries,
# data.mandate.exchange.decision (contract: docs/decision-contract.md).
#
# The other files add reasons to the partial set `violation`; this file turns
# them, the grant pieces and the approval state into the decision. It fails
# closed: allow only when there is no violation, no pending approval, and every
# part of the grant could be computed.
package mandate.exchange

reason(code, message) := {"code": code, "message": message}

# The OAuth error each reason code maps to.
error_by_code := {
	"malformed_input": "invalid_request",
	"invalid_grant_type": "invalid_request",
	"client_id_mismatch": "invalid_request",
	"no_audience": "invalid_request",
	"unsupported_requested_token_type": "invalid_request",
	"evaluation_incomplete": "invalid_request",
	"client_not_allowed": "unauthorized_client",
	"actor_not_allowed": "unauthorized_client",
	"impersonation_not_allowed": "unauthorized_client",
	"untrusted_issuer": "invalid_grant",
	"unsupported_token_type": "invalid_grant",
	"issuer_tenant_not_allowed": "invalid_grant",
	"unknown_tenant": "invalid_grant",
	"subject_token_expired": "invalid_grant",
	"actor_token_expired": "invalid_grant",
	"may_act_violation": "invalid_grant",
	"chain_too_deep": "invalid_grant",
	"unknown_audience": "invalid_target",
	"multiple_audiences": "invalid_target",
	"audience_not_allowed": "invalid_target",
	"cross_tenant": "invalid_target",
	"environment_mismatch": "invalid_target",
	"unknown_scope": "invalid_scope",
	"scope_not_held": "invalid_scope",
	"scope_not_allowed_for_audience": "invalid_scope",
	"scope_not_allowed_cross_tenant": "invalid_scope",
	"no_grantable_scope": "invalid_scope",
	"approval_required": "authorization_pending",
}

# When reasons map to several errors, the first of these wins: a malformed
# request is reported before anything about the client, the client before its
# tokens, the tokens before the target, the target before scopes, and approval
# only when nothing else is wrong.
error_precedence := [
	"invalid_request",
	"unauthorized_client",
	"invalid_grant",
	"invalid_target",
	"invalid_scope",
	"authorization_pending",
]

# Approval is asked for only for requests that are otherwise permissible, so
# approvers are never asked about a request that would be denied anyway.
approval_pending if {
	count(violation) == 0
	count(scopes_needing_approval) > 0
}

default allow := false

allow if {
	count(violation) == 0
	not approval_pending
	grant
}

deny_reasons := violation if count(violation) > 0

deny_reasons := {reason(
	"approval_required",
	sprintf("scopes %s need approval by %s", [concat(", ", sort(scopes_needing_approval)), concat(", ", sort(approvers))]),
)} if approval_pending

# No violation, yet some part of the grant is undefined: fail closed.
deny_reasons := {reason("evaluation_incomplete", "the grant could not be computed from the input")} if {
	count(violation) == 0
	not approval_pending
	not grant
}

deny_errors := {object.get(error_by_code, r.code, "invalid_request") | some r in deny_reasons}

deny_error := [e | some e in error_precedence; e in deny_errors][0]

# --- the grant ----------------------------------------------------------------

issued_claims := object.union({"tenant": subject_tenant, "client_id": client_id}, confirmation_claim)

# Sender-constrained (DPoP, RFC 9449) requests bind the issued token to the key.
default confirmation_claim := {}

confirmation_claim := {"cnf": {"jkt": input.context.dpop_jkt}} if is_string(input.context.dpop_jkt)

default act_claim := {}

act_claim := {"act": issued_act} if issued_act

grant := object.union(
	{
		"audience": audience_id,
		"scope": sort(granted_scopes),
		"ttl_seconds": ttl_seconds,
		"token_type": issued_token_type,
		"subject": subject_claims.sub,
		"claims": issued_claims,
	},
	act_claim,
)

# --- the decision -------------------------------------------------------------

approval := {
	"required": approval_pending_flag,
	"scopes": sort(pending_scopes),
	"approvers": sort(pending_approvers),
}

default approval_pending_flag := false

approval_pending_flag := true if approval_pending

pending_scopes := scopes_needing_approval if approval_pending

default pending_scopes := set()

pending_approvers := approvers if approval_pending

default pending_approvers := set()

default decision := {
	"allow": false,
	"deny": {
		"error": "invalid_request",
		"reasons": [{"code": "evaluation_incomplete", "message": "the decision could not be computed"}],
	},
	"approval": {"required": false, "scopes": [], "approvers": []},
}

decision := {"allow": true, "grant": grant, "approval": approval} if allow

decision := {
	"allow": false,
	"deny": {"error": deny_error, "reasons": sort(deny_reasons)},
	"approval": approval,
} if {
	not allow
}
