# Tenancy: the subject, the client and the target audience belong to the same
# tenant, unless an explicit cross-tenant grant in data allows the combination.
package mandate.exchange

# The subject's tenant is its `tenant` claim; tokens of issuers that carry no
# tenant claim fall back to the issuer's configured default tenant.
subject_tenant := subject_claims.tenant if is_string(subject_claims.tenant)

subject_tenant := subject_issuer.default_tenant if {
	is_object(subject_claims)
	not present(subject_claims, "tenant")
}

violation contains reason("unknown_tenant", "the subject's tenant is missing or not a known tenant") if {
	is_object(subject_claims)
	not config.tenants[subject_tenant]
}

# Missing tenants in data count as a tenant of their own (null), so a gap in the
# configuration makes a request cross-tenant, never same-tenant.
involved_tenants := {
	subject_tenant,
	object.get(registered_client, "tenant", null),
	object.get(audience, "tenant", null),
}

cross_tenant_request if count(involved_tenants) > 1

# Grants naming exactly this subject tenant, client and audience.
cross_tenant_grants contains xt_grant if {
	cross_tenant_request
	some xt_grant in config.cross_tenant_grants
	xt_grant.subject_tenant == subject_tenant
	xt_grant.client == client_id
	xt_grant.audience == audience_id
}

# What the matching grants allow; scopes.rego narrows the audience's scopes to it.
cross_tenant_scopes := {scope | some xt_grant in cross_tenant_grants; some scope in xt_grant.scopes}

violation contains reason(
	"cross_tenant",
	sprintf("subject tenant %s, client %s and audience %s are not in one tenant and no cross-tenant grant allows it", [subject_tenant, client_id, audience_id]),
) if {
	cross_tenant_request
	count(cross_tenant_grants) == 0
}
