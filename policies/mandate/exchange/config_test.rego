# Consistency checks of the shipped configuration: every name one part of
# data.mandate.config refers to exists where it should. Operators editing the
# data get a failing test instead of a silently unreachable client or scope.
package mandate.exchange_test

config := data.mandate.config

test_client_audiences_exist if {
	every client in config.clients {
		every name in client.audiences {
			config.audiences[name]
		}
	}
}

test_clients_and_audiences_name_known_tenants_and_environments if {
	every entry in array.concat([c | some c in config.clients], [a | some a in config.audiences]) {
		config.tenants[entry.tenant]
		entry.environment in {"prod", "staging", "dev"}
	}
}

test_audience_scopes_are_catalogued if {
	every aud in config.audiences {
		every scope in aud.scopes {
			config.scopes[scope]
		}
	}
}

test_every_scope_has_a_known_risk if {
	every scope in config.scopes {
		scope.risk in {"low", "medium", "high", "critical"}
	}
}

test_every_critical_scope_can_be_approved if {
	every scope in [s | some s in config.scopes; s.risk == "critical"] {
		count(scope.approvers) > 0
	}
}

test_resources_resolve_to_one_audience_each if {
	resources := [r | some aud in config.audiences; some r in aud.resources]
	count(resources) == count({r | some r in resources})
}

test_issuers_vouch_for_known_tenants if {
	every issuer in config.issuers {
		every tenant in issuer.tenants {
			config.tenants[tenant]
		}
		object.get(issuer, "default_tenant", issuer.tenants[0]) in issuer.tenants
	}
}

test_actor_rules_name_known_clients_issuers_and_tenants if {
	every rule in config.actors {
		config.issuers[rule.issuer]
		every client in rule.clients {
			config.clients[client]
		}
		every tenant in rule.subject_tenants {
			config.tenants[tenant]
		}
	}
}

test_cross_tenant_grants_are_consistent if {
	every g in config.cross_tenant_grants {
		config.tenants[g.subject_tenant]
		g.audience in config.clients[g.client].audiences
		every scope in g.scopes {
			scope in config.audiences[g.audience].scopes
		}
	}
}

test_global_caps_are_set if {
	config.global.max_ttl_seconds > 0
	config.global.max_chain_depth == 3
	config.global.default_issued_token_type in config.global.issued_token_types
}
