package mandate.exchange_test

import data.mandate.exchange

# Each test makes a different limit the smallest one.

test_client_cap_applies if {
	# chat-web 1200 < file-service 1800 < global 3600 = Alice's remaining 3600.
	exchange.ttl_limits == {"audience": 1800, "client": 1200, "global": 3600, "subject_token": 3600} with input as chat_input
	decide(chat_input).grant.ttl_seconds == 1200
}

test_requested_ttl_applies if {
	d := decide(with_request(chat_input, {"requested_ttl_seconds": 300}))
	allowed(d)
	d.grant.ttl_seconds == 300
}

test_requested_ttl_never_raises_the_caps if {
	d := decide(with_request(chat_input, {"requested_ttl_seconds": 86400}))
	allowed(d)
	d.grant.ttl_seconds == 1200
}

test_audience_cap_applies if {
	# mcp-files as audience: 900 < chat-web's 1200.
	d := decide(with_request(chat_input, {"audience": ["mcp-files"]}))
	allowed(d)
	d.grant.ttl_seconds == 900
}

test_global_cap_applies if {
	d := decide(chat_input) with data.mandate.config.global.max_ttl_seconds as 100
	allowed(d)
	d.grant.ttl_seconds == 100
}

test_subject_token_lifetime_applies if {
	d := decide(with_subject_claims(chat_input, {"exp": now + 500}))
	allowed(d)
	d.grant.ttl_seconds == 500
}

test_actor_token_lifetime_applies if {
	d := decide(with_actor_claims(mcp_input, {"exp": now + 120}))
	allowed(d)
	d.grant.ttl_seconds == 120
	exchange.ttl_limits.actor_token == 120 with input as with_actor_claims(mcp_input, {"exp": now + 120})
}

test_fractional_expiry_rounds_down if {
	d := decide(with_subject_claims(chat_input, {"exp": now + 100.7}))
	d.grant.ttl_seconds == 100
}

test_fractional_now_rounds_against_the_token if {
	# Half a second before `exp` is not a whole second left.
	d := decide(with_context(with_subject_claims(chat_input, {"exp": now}), {"time": "2025-06-01T11:59:59.5Z"}))
	denied_with(d, "invalid_grant", {"subject_token_expired"})
}

test_subject_token_expired if {
	d := decide(with_subject_claims(chat_input, {"exp": now - 3600}))
	denied_with(d, "invalid_grant", {"subject_token_expired"})
}

test_subject_token_expiring_now_is_expired if {
	d := decide(with_subject_claims(chat_input, {"exp": now}))
	denied_with(d, "invalid_grant", {"subject_token_expired"})
}

test_subject_token_with_one_second_left if {
	d := decide(with_subject_claims(chat_input, {"exp": now + 1}))
	allowed(d)
	d.grant.ttl_seconds == 1
}

test_actor_token_expired if {
	d := decide(with_actor_claims(mcp_input, {"exp": now - 1}))
	denied_with(d, "invalid_grant", {"actor_token_expired"})
}

test_time_is_read_from_context if {
	exchange.now_seconds == now with input as chat_input
	exchange.subject_remaining_seconds == 3600 with input as chat_input
	exchange.subject_remaining_seconds == 3540 with input as with_context(chat_input, {"time": "2025-06-01T12:01:00Z"})
}
