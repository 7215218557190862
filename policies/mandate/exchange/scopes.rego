# Scopes are downscope-only: the granted scopes are the requested scopes that the
# subject token holds and the audience allows. Asking for anything beyond that is
# an error, never silently dropped, so a client learns it asked for too much. When
# no scope is requested, everything the subject holds that the audience allows is
# granted. Because held scopes bound every grant, a chain of exchanges can only
# narrow.
package mandate.exchange

# Scopes held by the subject token: the space-separated `scope` claim and/or the
# `scp` array claim.
held_scopes := {s | is_string(subject_claims.scope); some s in split(subject_claims.scope, " "); s != ""} | {s | some s in subject_claims.scp}

requested_scopes := {s | some s in input.request.scope}

scopes_requested if count(requested_scopes) > 0

# Scopes missing from the catalog are never granted, even if an audience lists
# them: without a risk level they could bypass approval.
audience_scopes := {s | some s in audience.scopes; config.scopes[s]}

# What the audience allows for this request: across tenants, only what the
# cross-tenant grant lists as well.
permitted_scopes := audience_scopes if not cross_tenant_request

permitted_scopes := audience_scopes & cross_tenant_scopes if cross_tenant_request

granted_scopes := (requested_scopes & held_scopes) & permitted_scopes if scopes_requested

granted_scopes := held_scopes & permitted_scopes if not scopes_requested

violation contains reason("unknown_scope", sprintf("scope %s is not in the scope catalog", [s])) if {
	some s in requested_scopes
	not config.scopes[s]
}

violation contains reason("scope_not_held", sprintf("scope %s is not held by the subject token", [s])) if {
	some s in requested_scopes
	not s in held_scopes
}

violation contains reason("scope_not_allowed_for_audience", sprintf("scope %s is not allowed for audience %s", [s, audience_id])) if {
	audience_id
	some s in requested_scopes
	config.scopes[s]
	s in held_scopes
	not s in audience_scopes
}

violation contains reason(
	"scope_not_allowed_cross_tenant",
	sprintf("scope %s is not covered by the cross-tenant grant for audience %s", [s, audience_id]),
) if {
	count(cross_tenant_grants) > 0
	some s in requested_scopes
	s in held_scopes
	s in audience_scopes
	not s in cross_tenant_scopes
}

violation contains reason("no_grantable_scope", sprintf("the subject holds no scope that audience %s allows", [audience_id])) if {
	audience_id
	not scopes_requested
	count(granted_scopes) == 0
}
