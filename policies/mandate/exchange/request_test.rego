package mandate.exchange_test

import data.mandate.exchange

malformed(inp) if {
	d := decide(inp)
	d.allow == false
	d.deny.error == "invalid_request"
	"malformed_input" in reason_codes(d)
}

problems(inp) := found if {
	found := exchange.input_problems with input as inp
}

# --- malformed input ------------------------------------------------------------

test_empty_input_lists_every_missing_part if {
	problems({}) == {
		"request must be an object",
		"subject_token must be an object with a claims object",
		"client must be an object with a string id",
		"context.time must be an RFC 3339 timestamp",
	}
}

test_request_must_be_an_object if {
	malformed(object.union(chat_input, {"request": "grant_type=token-exchange"}))
}

test_request_arrays_must_hold_strings if {
	malformed(with_request(chat_input, {"audience": "file-service"}))
	malformed(with_request(chat_input, {"resource": [42]}))
	problems(with_request(chat_input, {"scope": "files:read"})) == {"request.scope must be an array of strings"}
}

test_request_strings_must_be_strings if {
	problems(with_request(chat_input, {"client_id": 7})) == {"request.client_id must be a string"}
	problems(with_request(chat_input, {"requested_token_type": ["jwt"]})) == {"request.requested_token_type must be a string"}
}

test_requested_ttl_must_be_a_positive_integer if {
	every ttl in [0, -60, 1.5, "60", true] {
		problems(with_request(chat_input, {"requested_ttl_seconds": ttl})) == {"request.requested_ttl_seconds must be a positive integer"}
	}
}

test_null_optional_fields_count_as_absent if {
	inp := with_request(chat_input, {"resource": null, "requested_ttl_seconds": null, "requested_token_type": null})
	d := decide(inp)
	allowed(d)
}

test_subject_token_needs_claims if {
	problems(object.union(chat_input, {"subject_token": {"claims": "eyJhbGciOi..."}})) == {"subject_token must be an object with a claims object"}
	malformed(json.remove(chat_input, ["subject_token"]))
}

test_subject_token_fields_are_typed if {
	problems(object.union(chat_input, {"subject_token": {"type": 1, "issuer": null}})) == {
		"subject_token.type must be a string",
		"subject_token.issuer must be a string",
	}
	problems(json.remove(chat_input, ["subject_token/claims/sub", "subject_token/claims/exp"])) == {
		"subject_token.claims.sub must be a string",
		"subject_token.claims.exp must be a number",
	}
}

test_subject_claims_are_typed if {
	problems(with_subject_claims(chat_input, {"scope": ["files:read"]})) == {"subject_token.claims.scope must be a string"}
	problems(with_subject_claims(chat_input, {"tenant": 1})) == {"subject_token.claims.tenant must be a string"}
	problems(with_subject_claims(chat_input, {"env": false})) == {"subject_token.claims.env must be a string"}
	problems(with_subject_claims(chat_input, {"scp": "files:read"})) == {"subject_token.claims.scp must be an array of strings"}
	problems(with_subject_claims(chat_input, {"roles": "files-admin"})) == {"subject_token.claims.roles must be an array of strings"}
	problems(with_subject_claims(chat_input, {"may_act": "support-agent"})) == {"subject_token.claims.may_act must be an object"}
}

test_subject_chain_must_be_well_formed if {
	msg := "subject_token.claims.act must nest objects that each carry a string sub"
	problems(with_subject_claims(chat_input, {"act": "chat-web"})) == {msg}
	problems(with_subject_claims(chat_input, {"act": {"client_id": "chat-web"}})) == {msg}
	problems(with_subject_claims(chat_input, {"act": {"sub": "a", "act": {"sub": 3}}})) == {msg}
	problems(with_subject_claims(chat_input, {"act": {"sub": "a", "act": ["b"]}})) == {msg}
	problems(with_subject_claims(chat_input, {"act": {"sub": "a", "act": {"sub": "b"}}})) == set()
}

test_actor_token_must_be_an_object_with_claims if {
	problems(object.union(chat_input, {"actor_token": "eyJhbGciOi..."})) == {"actor_token must be an object with a claims object"}
	problems(object.union(chat_input, {"actor_token": {"type": access_token_type}})) == {"actor_token must be an object with a claims object"}
}

test_actor_token_fields_are_typed if {
	problems(json.remove(mcp_input, ["actor_token/issuer", "actor_token/claims/sub", "actor_token/claims/exp"])) == {
		"actor_token.issuer must be a string",
		"actor_token.claims.sub must be a string",
		"actor_token.claims.exp must be a number",
	}
	problems(with_actor_claims(mcp_input, {"env": 1})) == {"actor_token.claims.env must be a string"}
}

test_null_actor_token_is_no_actor_token if {
	d := decide(object.union(chat_input, {"actor_token": null}))
	allowed(d)
	not d.grant.act
}

test_client_must_have_a_string_id if {
	malformed(json.remove(chat_input, ["client"]))
	problems(object.union(chat_input, {"client": {"id": 12}})) == {"client must be an object with a string id"}
}

test_context_time_must_be_rfc3339 if {
	malformed(with_context(chat_input, {"time": now}))
	malformed(with_context(chat_input, {"time": "yesterday"}))
	malformed(json.remove(chat_input, ["context"]))
}

test_context_fields_are_typed if {
	problems(with_context(chat_input, {"approved_scopes": "files:delete"})) == {"context.approved_scopes must be an array of strings"}
	problems(with_context(chat_input, {"dpop_jkt": 5, "environment": ["prod"], "source_ip": 10})) == {
		"context.dpop_jkt must be a string",
		"context.environment must be a string",
		"context.source_ip must be a string",
	}
}

# --- grant type, client id, requested token type ----------------------------------

test_grant_type_must_be_token_exchange if {
	d := decide(with_request(chat_input, {"grant_type": "client_credentials"}))
	denied_with(d, "invalid_request", {"invalid_grant_type"})
}

test_missing_grant_type_is_rejected if {
	d := decide(json.remove(chat_input, ["request/grant_type"]))
	denied_with(d, "invalid_request", {"invalid_grant_type"})
}

test_request_client_id_must_match_authenticated_client if {
	d := decide(with_request(chat_input, {"client_id": "mcp-files"}))
	denied_with(d, "invalid_request", {"client_id_mismatch"})
}

test_request_client_id_is_optional if {
	d := decide(json.remove(chat_input, ["request/client_id"]))
	allowed(d)
}

test_unsupported_requested_token_type if {
	d := decide(with_request(chat_input, {"requested_token_type": id_token_type}))
	denied_with(d, "invalid_request", {"unsupported_requested_token_type"})
}

# --- targets --------------------------------------------------------------------

test_no_audience if {
	d := decide(with_request(chat_input, {"audience": []}))
	denied_with(d, "invalid_request", {"no_audience"})
	d2 := decide(json.remove(chat_input, ["request/audience"]))
	denied_with(d2, "invalid_request", {"no_audience"})
}

test_unknown_audience if {
	d := decide(with_request(chat_input, {"audience": ["file-servce"]}))
	denied_with(d, "invalid_target", {"unknown_audience"})
}

test_unknown_resource_next_to_a_known_audience if {
	d := decide(with_request(chat_input, {"resource": ["https://evil.example/"]}))
	denied_with(d, "invalid_target", {"unknown_audience"})
}

test_multiple_audiences if {
	d := decide(with_request(chat_input, {"audience": ["file-service", "calendar"]}))
	denied_with(d, "invalid_target", {"multiple_audiences"})
}

test_resource_uri_resolves_to_its_audience if {
	inp := with_request(json.remove(chat_input, ["request/audience"]), {"resource": ["https://files.acme.example/"]})
	d := decide(inp)
	allowed(d)
	d.grant.audience == "file-service"
}

test_audience_and_resource_naming_the_same_service_are_one_audience if {
	d := decide(with_request(chat_input, {"resource": ["https://files.acme.example/"]}))
	allowed(d)
	d.grant.audience == "file-service"
}
