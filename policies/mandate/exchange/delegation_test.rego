package mandate.exchange_test

import data.mandate.exchange

# --- chains -----------------------------------------------------------------------

test_delegation_depth_one if {
	# chat-web acting for Alice towards the MCP server, with its own actor token.
	inp := object.union(with_request(chat_input, {"audience": ["mcp-files"]}), {"actor_token": actor_token("chat-web")})
	d := decide(inp)
	allowed(d)
	d.grant.act == {"sub": "chat-web"}
	d.grant.subject == "alice"
}

test_delegation_depth_two if {
	d := decide(mcp_input)
	allowed(d)
	d.grant.act == {"sub": "mcp-files", "act": {"sub": "chat-web"}}
	exchange.chain_depth(d.grant.act) == 2
}

test_delegation_depth_three_is_the_maximum if {
	# Alice -> support-agent -> chat-web (in the subject token), now the MCP server.
	inp := with_subject_claims(mcp_input, {"act": {"sub": "chat-web", "act": {"sub": "support-agent"}}})
	d := decide(inp)
	allowed(d)
	d.grant.act == {"sub": "mcp-files", "act": {"sub": "chat-web", "act": {"sub": "support-agent"}}}
	exchange.chain_depth(d.grant.act) == 3
}

test_delegation_depth_four_is_too_deep if {
	chain := {"sub": "chat-web", "act": {"sub": "support-agent", "act": {"sub": "ci-runner"}}}
	d := decide(with_subject_claims(mcp_input, {"act": chain}))
	denied_with(d, "invalid_grant", {"chain_too_deep"})
	d.deny.reasons[0].message == "the delegation chain would be 4 actors deep; at most 3 are allowed"
}

test_chain_depth_limit_comes_from_data if {
	inp := with_subject_claims(mcp_input, {"act": {"sub": "chat-web", "act": {"sub": "support-agent"}}})
	d := decide(inp) with data.mandate.config.global.max_chain_depth as 2
	denied_with(d, "invalid_grant", {"chain_too_deep"})
}

test_without_configured_depth_no_chain_is_accepted if {
	global := json.remove(data.mandate.config.global, ["max_chain_depth"])
	d := decide(mcp_input) with data.mandate.config.global as global
	denied_with(d, "invalid_grant", {"chain_too_deep"})
}

test_chain_depth_counts_nested_act_objects if {
	exchange.chain_depth({"sub": "a"}) == 1
	exchange.chain_depth({"sub": "a", "act": {"sub": "b", "iss": "x"}}) == 2
	exchange.chain_depth({"sub": "a", "act": {"sub": "b", "act": {"sub": "c"}}, "extra": {"act": {"sub": "z"}}}) == 3
}

# --- impersonation ------------------------------------------------------------------

test_impersonation_needs_a_client_allowed_to_impersonate if {
	d := decide(json.remove(mcp_input, ["actor_token"]))
	denied_with(d, "unauthorized_client", {"impersonation_not_allowed"})
}

test_impersonation_has_no_act if {
	d := decide(chat_input)
	allowed(d)
	not d.grant.act
	not exchange.issued_act with input as chat_input
}

test_impersonation_keeps_an_existing_chain if {
	# chat-web impersonating with a token that already records an actor: the
	# chain is carried over, never dropped.
	inp := object.union(chat_input, {"subject_token": {"issuer": mandate_sts, "claims": {"act": {"sub": "support-agent"}}}})
	d := decide(inp)
	allowed(d)
	d.grant.act == {"sub": "support-agent"}
}

test_impersonation_with_a_chain_already_too_deep if {
	chain := {"sub": "a", "act": {"sub": "b", "act": {"sub": "c", "act": {"sub": "d"}}}}
	inp := object.union(chat_input, {"subject_token": {"issuer": mandate_sts, "claims": {"act": chain}}})
	d := decide(inp)
	denied_with(d, "invalid_grant", {"chain_too_deep"})
}

# --- may_act ------------------------------------------------------------------------

test_may_act_naming_the_actor if {
	d := decide(with_subject_claims(mcp_input, {"may_act": {"sub": "mcp-files"}}))
	allowed(d)
}

test_may_act_listing_several_actors if {
	d := decide(with_subject_claims(mcp_input, {"may_act": {"sub": ["support-agent", "mcp-files"]}}))
	allowed(d)
}

test_may_act_not_naming_the_actor if {
	d := decide(with_subject_claims(mcp_input, {"may_act": {"sub": "support-agent"}}))
	denied_with(d, "invalid_grant", {"may_act_violation"})
}

test_may_act_without_sub_allows_nobody if {
	d := decide(with_subject_claims(mcp_input, {"may_act": {"client_id": "mcp-files"}}))
	denied_with(d, "invalid_grant", {"may_act_violation"})
}

test_may_act_client_id_must_match if {
	ok := decide(with_subject_claims(mcp_input, {"may_act": {"sub": "mcp-files", "client_id": "mcp-files"}}))
	allowed(ok)
	ok_list := decide(with_subject_claims(mcp_input, {"may_act": {"sub": "mcp-files", "client_id": ["chat-web", "mcp-files"]}}))
	allowed(ok_list)
	bad := decide(with_subject_claims(mcp_input, {"may_act": {"sub": "mcp-files", "client_id": "chat-web"}}))
	denied_with(bad, "invalid_grant", {"may_act_violation"})
}

test_may_act_issuer_must_match if {
	ok := decide(with_subject_claims(mcp_input, {"may_act": {"sub": "mcp-files", "iss": acme_idp}}))
	allowed(ok)
	bad := decide(with_subject_claims(mcp_input, {"may_act": {"sub": "mcp-files", "iss": partner_idp}}))
	denied_with(bad, "invalid_grant", {"may_act_violation"})
}

test_may_act_is_ignored_without_an_actor_token if {
	d := decide(with_subject_claims(chat_input, {"may_act": {"sub": "someone-else"}}))
	allowed(d)
}
