# Delegation and impersonation (RFC 8693 section 1.1 and 4.1).
#
# With an actor token the exchange is delegation: the issued token's `act` claim
# names the actor and nests the chain the subject token already carried. Without
# one it is impersonation, permitted only for clients registered as
# `may_impersonate`. A chain already in the subject token is carried over
# unchanged even then, so an exchange can never erase who acted before.
package mandate.exchange

subject_chain := subject_claims.act if is_object(subject_claims.act)

issued_act := {"sub": actor_claims.sub, "act": subject_chain} if {
	has_actor_token
	subject_chain
}

issued_act := {"sub": actor_claims.sub} if {
	has_actor_token
	not subject_chain
}

issued_act := subject_chain if not has_actor_token

# Depth of a chain: the number of nested `act` objects, the outermost included.
chain_depth(chain) := count([path |
	some path, value
	walk(chain, [path, value])
	chain_level(path, value)
])

# A level of a chain is an object reached from the top through `act` keys only.
chain_level(path, value) if {
	is_object(value)
	every key in path {
		key == "act"
	}
}

# Every level reached through `act` keys is an object with a string `sub`.
well_formed_chain(chain) if {
	is_object(chain)
	not malformed_chain_level(chain)
}

malformed_chain_level(chain) if {
	some path, value
	walk(chain, [path, value])
	every key in path {
		key == "act"
	}
	not is_string(value.sub)
}

violation contains reason(
	"chain_too_deep",
	sprintf("the delegation chain would be %d actors deep; at most %d are allowed", [chain_depth(issued_act), max_chain_depth]),
) if {
	chain_depth(issued_act) > max_chain_depth
}

# Without a configured maximum, no delegation chain is accepted at all.
default max_chain_depth := 0

max_chain_depth := config.global.max_chain_depth

violation contains reason("impersonation_not_allowed", sprintf("client %s may not impersonate subjects; send an actor token", [client_id])) if {
	not has_actor_token
	registered_client
	not registered_client.may_impersonate == true
}

# --- may_act (RFC 8693 section 4.4) -------------------------------------------
# When the subject token says who may act for it, the actor must be listed: its
# `sub` (one string or an array of them), and when given, the requesting client
# (`client_id`) and the actor token's issuer (`iss`).

may_act_satisfied if {
	may_act := subject_claims.may_act
	listed(may_act.sub, actor_claims.sub)
	may_act_client_ok(may_act)
	may_act_issuer_ok(may_act)
}

listed(allowed, value) if allowed == value

listed(allowed, value) if {
	is_array(allowed)
	value in allowed
}

may_act_client_ok(may_act) if not present(may_act, "client_id")

may_act_client_ok(may_act) if listed(may_act.client_id, client_id)

may_act_issuer_ok(may_act) if not present(may_act, "iss")

may_act_issuer_ok(may_act) if listed(may_act.iss, input.actor_token.issuer)

violation contains reason("may_act_violation", sprintf("the subject token does not allow actor %s to act for it", [actor_claims.sub])) if {
	has_actor_token
	is_object(subject_claims.may_act)
	is_string(actor_claims.sub)
	not may_act_satisfied
}
