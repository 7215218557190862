# Input normalisation and validation.
#
# Every other file reads `input` through the names defined here, so the shape of
# the decision input (see docs/decision-contract.md) is interpreted in one place.
# Anything missing or of the wrong type becomes a `malformed_input` reason: the
# decision fails closed rather than letting an undefined value silently skip a check.
package mandate.exchange

token_exchange_grant_type := "urn:ietf:params:oauth:grant-type:token-exchange"

config := data.mandate.config

subject_claims := input.subject_token.claims

actor_claims := input.actor_token.claims

client_id := input.client.id

# An actor token is present unless the field is absent or null.
has_actor_token if input.actor_token != null

now_ns := time.parse_rfc3339_ns(input.context.time) if is_string(input.context.time)

# A key counts as present unless it is absent or null (builders of the input
# may serialise optional fields as null): `obj[key] != null`, which holds only
# when obj is an object with a non-null value at key (indexing anything else is
# undefined, never an error, even under strict built-in errors). Bodies test
# presence that way directly; `present` names the test for negation, where
# `not present(obj, key)` reads better than `not obj[key] != null`. (A call
# costs more than the test itself, and input validation makes a dozen of them.)
present(obj, key) if obj[key] != null

is_string_array(value) if {
	is_array(value)
	every element in value {
		is_string(element)
	}
}

positive_integer(value) if {
	is_number(value)
	value > 0
	value == floor(value)
}

# --- malformed input ---------------------------------------------------------

violation contains reason("malformed_input", message) if some message in input_problems

input_problems contains "request must be an object" if not is_object(input.request)

input_problems contains "subject_token must be an object with a claims object" if {
	not is_object(input.subject_token.claims)
}

input_problems contains "client must be an object with a string id" if not is_string(input.client.id)

input_problems contains "context.time must be an RFC 3339 timestamp" if not now_ns

input_problems contains sprintf("request.%s must be an array of strings", [key]) if {
	some key in ["audience", "resource", "scope"]
	input.request[key] != null
	not is_string_array(input.request[key])
}

input_problems contains sprintf("request.%s must be a string", [key]) if {
	some key in ["client_id", "requested_token_type"]
	input.request[key] != null
	not is_string(input.request[key])
}

input_problems contains "request.requested_ttl_seconds must be a positive integer" if {
	input.request.requested_ttl_seconds != null
	not positive_integer(input.request.requested_ttl_seconds)
}

input_problems contains sprintf("%s.%s must be a string", [token, key]) if {
	some token in present_tokens
	some key in ["type", "issuer"]
	not is_string(input[token][key])
}

input_problems contains sprintf("%s.claims.sub must be a string", [token]) if {
	some token in present_tokens
	not is_string(input[token].claims.sub)
}

input_problems contains sprintf("%s.claims.exp must be a number", [token]) if {
	some token in present_tokens
	not is_number(input[token].claims.exp)
}

input_problems contains "actor_token must be an object with a claims object" if {
	has_actor_token
	not is_object(input.actor_token.claims)
}

input_problems contains sprintf("subject_token.claims.%s must be a string", [key]) if {
	some key in ["scope", "tenant", "env"]
	subject_claims[key] != null
	not is_string(subject_claims[key])
}

input_problems contains sprintf("subject_token.claims.%s must be an array of strings", [key]) if {
	some key in ["scp", "roles"]
	subject_claims[key] != null
	not is_string_array(subject_claims[key])
}

input_problems contains "subject_token.claims.may_act must be an object" if {
	subject_claims.may_act != null
	not is_object(subject_claims.may_act)
}

input_problems contains "subject_token.claims.act must nest objects that each carry a string sub" if {
	subject_claims.act != null
	not well_formed_chain(subject_claims.act)
}

input_problems contains "actor_token.claims.env must be a string" if {
	actor_claims.env != null
	not is_string(actor_claims.env)
}

input_problems contains "context.approved_scopes must be an array of strings" if {
	input.context.approved_scopes != null
	not is_string_array(input.context.approved_scopes)
}

input_problems contains sprintf("context.%s must be a string", [key]) if {
	some key in ["environment", "dpop_jkt", "source_ip"]
	input.context[key] != null
	not is_string(input.context[key])
}

# Tokens whose common fields are validated: the subject token always (when it
# has claims at all), the actor token when one was sent.
present_tokens contains "subject_token" if is_object(input.subject_token.claims)

present_tokens contains "actor_token" if is_object(input.actor_token.claims)

# --- grant type, client, requested token type ---------------------------------

violation contains reason("invalid_grant_type", sprintf("grant_type must be %s", [token_exchange_grant_type])) if {
	is_object(input.request)
	not input.request.grant_type == token_exchange_grant_type
}

violation contains reason(
	"client_id_mismatch",
	sprintf("request.client_id %s is not the authenticated client %s", [input.request.client_id, client_id]),
) if {
	is_string(input.request.client_id)
	is_string(client_id)
	input.request.client_id != client_id
}

violation contains reason(
	"unsupported_requested_token_type",
	sprintf("requested_token_type %s cannot be issued", [input.request.requested_token_type]),
) if {
	is_string(input.request.requested_token_type)
	not input.request.requested_token_type in config.global.issued_token_types
}

issued_token_type := input.request.requested_token_type if {
	input.request.requested_token_type in config.global.issued_token_types
}

issued_token_type := config.global.default_issued_token_type if {
	is_object(input.request)
	not present(input.request, "requested_token_type")
}

# --- target resolution --------------------------------------------------------
# `audience` and `resource` values both name target services: each resolves to
# an audience of data.mandate.config.audiences, by its name or by one of its
# resource URIs. Exactly one audience may result.

requested_targets := {t | some t in input.request.audience} | {t | some t in input.request.resource}

target_resolutions contains [target, target] if {
	some target in requested_targets
	config.audiences[target]
}

target_resolutions contains [target, name] if {
	some target in requested_targets
	some name, aud in config.audiences
	target in aud.resources
}

resolved_audiences := {name | some [_, name] in target_resolutions}

unknown_targets := requested_targets - {target | some [target, _] in target_resolutions}

audience_id := name if {
	count(resolved_audiences) == 1
	some name in resolved_audiences
}

audience := config.audiences[audience_id]

violation contains reason("no_audience", "the request names no audience or resource") if {
	is_object(input.request)
	count(requested_targets) == 0
}

violation contains reason("unknown_audience", sprintf("target %s is not a known audience or resource", [target])) if {
	some target in unknown_targets
}

violation contains reason(
	"multiple_audiences",
	sprintf("the request resolves to %d audiences (%s); exactly one is allowed", [count(resolved_audiences), concat(", ", sort(resolved_audiences))]),
) if {
	count(resolved_audiences) > 1
}
