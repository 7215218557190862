# Environments: production and non-production never mix. A prod token (or
# client) never yields a token for a non-prod audience, and a non-prod one never
# yields a token for a prod audience. Staging and dev may mix: both are non-prod.
package mandate.exchange

environment_class(env) := "production" if env == "prod"

environment_class(env) := "non-production" if env != "prod"

# The subject token's environment is its `env` claim; without one, the
# environment the STS runs in (context.environment).
token_environment := subject_claims.env if is_string(subject_claims.env)

token_environment := input.context.environment if {
	not is_string(subject_claims.env)
	is_string(input.context.environment)
}

# The parties whose environment must match the audience's.
environment_parties["subject token"] := token_environment

environment_parties["actor token"] := actor_claims.env if is_string(actor_claims.env)

environment_parties["client"] := object.get(registered_client, "environment", "unknown")

# An audience without an environment in data counts as non-production, so it
# can never be reached from production.
audience_environment := object.get(audience, "environment", "unknown")

audience_environment_class := environment_class(audience_environment)

violation contains reason(
	"environment_mismatch",
	sprintf("%s environment %s does not match audience %s environment %s", [party, env, audience_id, audience_environment]),
) if {
	some party, env in environment_parties
	environment_class(env) != audience_environment_class
}

violation contains reason("environment_mismatch", "the subject token's environment is unknown (no env claim, no context.environment)") if {
	audience_id
	is_object(subject_claims)
	not token_environment
}
