package mandate.exchange_test

import data.mandate.exchange

test_staging_token_never_reaches_prod if {
	d := decide(with_subject_claims(chat_input, {"env": "staging"}))
	denied_with(d, "invalid_target", {"environment_mismatch"})
}

test_prod_token_never_reaches_staging if {
	# The CI runner presenting a production token to the staging executor.
	d := decide(with_subject_claims(ci_input, {"env": "prod"}))
	denied_with(d, "invalid_target", {"environment_mismatch"})
	d.deny.reasons == [{
		"code": "environment_mismatch",
		"message": "subject token environment prod does not match audience command-executor environment staging",
	}]
}

test_dev_and_staging_are_both_non_production if {
	d := decide(with_subject_claims(ci_input, {"env": "dev"}))
	allowed(d)
}

test_token_environment_falls_back_to_context if {
	inp := json.remove(chat_input, ["subject_token/claims/env"])
	exchange.token_environment == "prod" with input as inp
	allowed(decide(inp))
	d := decide(with_context(inp, {"environment": "staging"}))
	denied_with(d, "invalid_target", {"environment_mismatch"})
}

test_unknown_token_environment_is_a_mismatch if {
	inp := json.remove(chat_input, ["subject_token/claims/env", "context/environment"])
	d := decide(inp)
	denied_with(d, "invalid_target", {"environment_mismatch"})
}

test_actor_token_environment_must_match if {
	d := decide(with_actor_claims(mcp_input, {"env": "dev"}))
	denied_with(d, "invalid_target", {"environment_mismatch"})
}

test_actor_token_without_env_is_not_checked if {
	d := decide(json.remove(mcp_input, ["actor_token/claims/env"]))
	allowed(d)
}

test_client_environment_must_match if {
	clients := object.union(data.mandate.config.clients, {"chat-web": {"environment": "staging"}})
	d := decide(chat_input) with data.mandate.config.clients as clients
	denied_with(d, "invalid_target", {"environment_mismatch"})
}

test_audience_without_environment_is_non_production if {
	audiences := json.remove(data.mandate.config.audiences, ["file-service/environment"])
	d := decide(chat_input) with data.mandate.config.audiences as audiences
	denied_with(d, "invalid_target", {"environment_mismatch"})
}
