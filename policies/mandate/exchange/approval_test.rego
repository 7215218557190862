package mandate.exchange_test

import data.mandate.exchange

delete_input := with_request(chat_input, {"scope": ["files:read", "files:delete"]})

test_critical_scope_needs_approval if {
	d := decide(delete_input)
	d == {
		"allow": false,
		"deny": {
			"error": "authorization_pending",
			"reasons": [{"code": "approval_required", "message": "scopes files:delete need approval by security-oncall"}],
		},
		"approval": {"required": true, "scopes": ["files:delete"], "approvers": ["security-oncall"]},
	}
}

test_auto_approving_role if {
	d := decide(with_subject_claims(delete_input, {"roles": ["engineer", "files-admin"]}))
	allowed(d)
	d.grant.scope == ["files:delete", "files:read"]
}

test_role_of_another_scope_does_not_auto_approve if {
	d := decide(with_subject_claims(delete_input, {"roles": ["treasury-operator"]}))
	d.approval.required == true
}

test_approval_already_given if {
	d := decide(with_context(delete_input, {"approved_scopes": ["files:delete"]}))
	allowed(d)
	d.grant.scope == ["files:delete", "files:read"]
}

test_implicit_critical_scope_needs_approval_too if {
	# No scope requested: everything held and allowed, files:delete included.
	d := decide(json.remove(chat_input, ["request/scope"]))
	d.allow == false
	d.approval == {"required": true, "scopes": ["files:delete"], "approvers": ["security-oncall"]}
}

test_all_approvers_are_listed_sorted if {
	d := decide(with_request(payments_input, {"scope": ["billing:read", "payments:execute"]}))
	d.deny.error == "authorization_pending"
	d.approval.approvers == ["finance-oncall", "payments-approvers"]
	d.approval.scopes == ["payments:execute"]
}

test_no_approval_asked_for_a_denied_request if {
	inp := with_request(delete_input, {"scope": ["files:delete", "calendar:read"]})
	d := decide(inp)
	denied_with(d, "invalid_scope", {"scope_not_allowed_for_audience"})
	d.approval == {"required": false, "scopes": [], "approvers": []}
	exchange.scopes_needing_approval == {"files:delete"} with input as inp
}

test_high_risk_scopes_need_no_approval if {
	d := decide(ci_input)
	allowed(d)
	d.grant.scope == ["exec:run"]
}
