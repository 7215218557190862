# Just-in-time approval: granted scopes of critical risk need a human approval,
# unless the subject holds one of the roles that auto-approve that scope, or the
# STS reports the approval as already given for this request
# (context.approved_scopes). The decision then asks for approval instead of
# allowing (see decision.rego).
package mandate.exchange

critical_scopes := {s | some s in granted_scopes; config.scopes[s].risk == "critical"}

subject_roles := {role | some role in subject_claims.roles}

approved_scopes := {s | some s in input.context.approved_scopes}

auto_approved(scope) if {
	some role in config.scopes[scope].auto_approve_roles
	role in subject_roles
}

scopes_needing_approval := {s |
	some s in critical_scopes
	not auto_approved(s)
	not s in approved_scopes
}

approvers := {approver | some s in scopes_needing_approval; some approver in config.scopes[s].approvers}
