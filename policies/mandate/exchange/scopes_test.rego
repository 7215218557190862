package mandate.exchange_test

import data.mandate.exchange

test_requested_scopes_are_granted_when_held_and_allowed if {
	d := decide(with_request(chat_input, {"scope": ["files:write", "files:read"]}))
	allowed(d)
	d.grant.scope == ["files:read", "files:write"]
}

test_without_requested_scopes_grant_held_and_allowed if {
	# Alice holds files:* and calendar:read; the calendar allows calendar:*.
	d := decide(json.remove(with_request(chat_input, {"audience": ["calendar"]}), ["request/scope"]))
	allowed(d)
	d.grant.scope == ["calendar:read"]
}

test_empty_scope_list_means_no_scope_requested if {
	d := decide(with_request(chat_input, {"audience": ["calendar"], "scope": []}))
	allowed(d)
	d.grant.scope == ["calendar:read"]
}

test_scp_array_claim_is_held if {
	exchange.held_scopes == {"billing:read", "billing:refund", "payments:execute"} with input as payments_input
}

test_scope_and_scp_claims_are_combined if {
	inp := with_subject_claims(chat_input, {"scope": "files:read  calendar:read", "scp": ["calendar:write"]})
	exchange.held_scopes == {"files:read", "calendar:read", "calendar:write"} with input as inp
}

test_scope_not_held_is_never_silently_dropped if {
	d := decide(with_request(chat_input, {"audience": ["calendar"], "scope": ["calendar:read", "calendar:write"]}))
	denied_with(d, "invalid_scope", {"scope_not_held"})
	d.deny.reasons == [{"code": "scope_not_held", "message": "scope calendar:write is not held by the subject token"}]
}

test_chain_can_only_narrow if {
	# The MCP server's subject token was narrowed to files:read files:write;
	# files:delete, which Alice herself holds, can no longer be obtained.
	d := decide(with_request(mcp_input, {"scope": ["files:read", "files:delete"]}))
	denied_with(d, "invalid_scope", {"scope_not_held"})
}

test_unknown_scope if {
	d := decide(with_request(chat_input, {"scope": ["files:read", "files:admin"]}))
	denied_with(d, "invalid_scope", {"unknown_scope", "scope_not_held"})
}

test_held_scope_not_allowed_for_audience if {
	d := decide(with_request(chat_input, {"scope": ["files:read", "calendar:read"]}))
	denied_with(d, "invalid_scope", {"scope_not_allowed_for_audience"})
}

test_cross_tenant_grant_limits_scopes if {
	# The grant covers billing:read only; billing:refund is held and allowed by
	# the billing audience, but not across tenants.
	d := decide(with_request(support_input, {"scope": ["billing:read", "billing:refund"]}))
	denied_with(d, "invalid_scope", {"scope_not_allowed_cross_tenant"})
}

test_cross_tenant_without_requested_scopes_grants_only_covered_scopes if {
	d := decide(json.remove(support_input, ["request/scope"]))
	allowed(d)
	d.grant.scope == ["billing:read"]
}

test_no_grantable_scope if {
	inp := json.remove(with_subject_claims(chat_input, {"scope": "calendar:read"}), ["request/scope"])
	d := decide(inp)
	denied_with(d, "invalid_scope", {"no_grantable_scope"})
}

test_scope_missing_from_catalog_is_never_granted if {
	# An audience listing a scope the catalog lacks: not granted when asked for
	# implicitly, reported as unknown when asked for explicitly.
	audiences := object.union(data.mandate.config.audiences, {"calendar": {"scopes": ["calendar:read", "calendar:share"]}})
	inp := with_subject_claims(with_request(chat_input, {"audience": ["calendar"]}), {"scope": "calendar:read calendar:share"})
	d1 := decide(json.remove(inp, ["request/scope"])) with data.mandate.config.audiences as audiences
	allowed(d1)
	d1.grant.scope == ["calendar:read"]
	d2 := decide(with_request(inp, {"scope": ["calendar:share"]})) with data.mandate.config.audiences as audiences
	denied_with(d2, "invalid_scope", {"unknown_scope"})
}

test_granted_scopes_never_exceed_held_scopes if {
	# Even for the rule on its own (the request is denied anyway): only the
	# intersection with what the subject holds.
	inp := with_subject_claims(with_request(chat_input, {"scope": ["files:read", "files:write"]}), {"scope": "files:read"})
	exchange.granted_scopes == {"files:read"} with input as inp
}
