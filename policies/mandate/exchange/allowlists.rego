# Allow-lists: which clients may exchange at all and for which audiences, which
# issuers are trusted for subject and actor tokens (and for which token types and
# tenants), and which actors may act for which clients and subject tenants.
package mandate.exchange

# The client's registration, when it exists and is not disabled.
registered_client := client if {
	client := config.clients[client_id]
	object.get(client, "enabled", true) == true
}

violation contains reason("client_not_allowed", sprintf("client %s is not registered or is disabled", [client_id])) if {
	is_string(client_id)
	not registered_client
}

violation contains reason("audience_not_allowed", sprintf("client %s may not obtain tokens for audience %s", [client_id, audience_id])) if {
	registered_client
	audience_id
	not audience_id in registered_client.audiences
}

# --- issuers ------------------------------------------------------------------

subject_issuer := config.issuers[input.subject_token.issuer]

# Issuers trusted for actor tokens are those listing at least one actor token type.
actor_issuer := issuer if {
	issuer := config.issuers[input.actor_token.issuer]
	count(issuer.actor_token_types) > 0
}

violation contains reason("untrusted_issuer", sprintf("subject token issuer %s is not trusted", [input.subject_token.issuer])) if {
	is_string(input.subject_token.issuer)
	not subject_issuer
}

violation contains reason("untrusted_issuer", sprintf("actor token issuer %s is not trusted for actor tokens", [input.actor_token.issuer])) if {
	is_string(input.actor_token.issuer)
	not actor_issuer
}

violation contains reason(
	"unsupported_token_type",
	sprintf("subject token type %s is not accepted from issuer %s", [input.subject_token.type, input.subject_token.issuer]),
) if {
	subject_issuer
	is_string(input.subject_token.type)
	not input.subject_token.type in subject_issuer.subject_token_types
}

violation contains reason(
	"unsupported_token_type",
	sprintf("actor token type %s is not accepted from issuer %s", [input.actor_token.type, input.actor_token.issuer]),
) if {
	actor_issuer
	is_string(input.actor_token.type)
	not input.actor_token.type in actor_issuer.actor_token_types
}

violation contains reason(
	"issuer_tenant_not_allowed",
	sprintf("issuer %s may not vouch for tenant %s", [input.subject_token.issuer, subject_tenant]),
) if {
	subject_issuer
	subject_tenant
	not subject_tenant in subject_issuer.tenants
}

# --- actors -------------------------------------------------------------------

# An actor may act when a rule names its subject and issuer, the requesting
# client, and the tenant of the subject it acts for.
actor_permitted if {
	some rule in config.actors
	rule.sub == actor_claims.sub
	rule.issuer == input.actor_token.issuer
	client_id in rule.clients
	subject_tenant in rule.subject_tenants
}

violation contains reason(
	"actor_not_allowed",
	sprintf("actor %s may not act through client %s for this subject", [actor_claims.sub, client_id]),
) if {
	is_string(actor_claims.sub)
	not actor_permitted
}
