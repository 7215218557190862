package mandate.exchange_test

import data.mandate.exchange

# --- clients --------------------------------------------------------------------

test_unregistered_client_is_not_allowed if {
	inp := object.union(with_request(chat_input, {"client_id": "rogue-app"}), {"client": {"id": "rogue-app"}})
	d := decide(inp)
	denied_with(d, "unauthorized_client", {"client_not_allowed"})
}

test_disabled_client_is_not_allowed if {
	inp := object.union(with_request(chat_input, {"client_id": "legacy-batch"}), {"client": {"id": "legacy-batch"}})
	d := decide(inp)
	denied_with(d, "unauthorized_client", {"client_not_allowed"})
}

test_registered_client_is_enabled_unless_disabled if {
	exchange.registered_client.tenant == "acme" with input as chat_input
	not exchange.registered_client with input as object.union(chat_input, {"client": {"id": "legacy-batch"}})
}

test_client_may_only_reach_its_audiences if {
	# The chat app may reach the file service but not the command executor.
	inp := with_request(ci_input, {"client_id": "chat-web"})
	d := decide(object.union(inp, {"client": {"id": "chat-web"}}))
	"audience_not_allowed" in reason_codes(d)
	d.deny.error == "invalid_target"
}

test_audience_not_allowed_alone if {
	# support-agent may not reach mcp-files (same tenant and environment).
	inp := object.union(mcp_input, {
		"request": {"client_id": "support-agent", "audience": ["mcp-files"]},
		"client": {"id": "support-agent"},
		"actor_token": actor_token("support-agent"),
	})
	d := decide(inp)
	denied_with(d, "invalid_target", {"audience_not_allowed"})
}

test_client_without_audience_list_reaches_nothing if {
	clients := json.remove(data.mandate.config.clients, ["chat-web/audiences"])
	d := decide(chat_input) with data.mandate.config.clients as clients
	denied_with(d, "invalid_target", {"audience_not_allowed"})
}

# --- issuers --------------------------------------------------------------------

test_untrusted_subject_issuer if {
	d := decide(object.union(chat_input, {"subject_token": {"issuer": "https://evil.example"}}))
	denied_with(d, "invalid_grant", {"untrusted_issuer"})
}

test_untrusted_actor_issuer if {
	d := decide(object.union(mcp_input, {"actor_token": {"issuer": "https://evil.example"}}))

	# The actor rule names the actor's issuer too, so the actor is not allowed either.
	denied_with(d, "unauthorized_client", {"untrusted_issuer", "actor_not_allowed"})
}

test_issuer_without_actor_token_types_is_untrusted_for_actors if {
	inp := object.union(payments_input, {"actor_token": {"issuer": partner_idp, "claims": {"iss": partner_idp}}})
	exchange.violation[{"code": "untrusted_issuer", "message": "actor token issuer https://login.partner.example is not trusted for actor tokens"}] with input as inp
}

test_unsupported_subject_token_type if {
	# The partner login only vouches through ID tokens and JWTs.
	d := decide(object.union(payments_input, {"subject_token": {"type": access_token_type}}))
	denied_with(d, "invalid_grant", {"unsupported_token_type"})
}

test_unsupported_actor_token_type if {
	d := decide(object.union(mcp_input, {"actor_token": {"type": id_token_type}}))
	denied_with(d, "invalid_grant", {"unsupported_token_type"})
}

test_issuer_may_only_vouch_for_its_tenants if {
	# A partner token claiming to be an Acme user.
	d := decide(with_subject_claims(payments_input, {"tenant": "acme"}))
	"issuer_tenant_not_allowed" in reason_codes(d)
	d.deny.error == "unauthorized_client"
}

test_issuer_tenant_not_allowed_alone if {
	issuers := json.patch(data.mandate.config.issuers, [{"op": "replace", "path": "/https:~1~1idp.acme.internal/tenants", "value": ["globex"]}])
	d := decide(chat_input) with data.mandate.config.issuers as issuers
	denied_with(d, "invalid_grant", {"issuer_tenant_not_allowed"})
}

# --- actors ---------------------------------------------------------------------

test_actor_must_be_listed_for_the_client if {
	# chat-web's identity acting through the MCP server's client registration.
	d := decide(object.union(mcp_input, {"actor_token": actor_token("chat-web")}))
	denied_with(d, "unauthorized_client", {"actor_not_allowed"})
}

test_actor_must_be_listed_for_the_subject_tenant if {
	# The MCP server acting for a Globex user (reached through Mandate's own issuer).
	inp := with_subject_claims(mcp_input, {"tenant": "globex"})
	d := decide(inp)
	"actor_not_allowed" in reason_codes(d)
	"cross_tenant" in reason_codes(d)
}

test_unknown_actor_is_not_allowed if {
	d := decide(object.union(mcp_input, {"actor_token": actor_token("svc:unknown")}))
	denied_with(d, "unauthorized_client", {"actor_not_allowed"})
}

test_actor_permitted_by_rule if {
	exchange.actor_permitted with input as mcp_input
	exchange.actor_permitted with input as payments_input
	not exchange.actor_permitted with input as object.union(payments_input, {"actor_token": {"issuer": mandate_sts}})
}
