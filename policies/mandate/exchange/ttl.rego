# Lifetime of the issued token: the smallest of the requested lifetime (when
# given), the audience's cap, the client's cap, the global cap, and what remains
# of the subject token's and the actor token's lifetimes. An issued token never
# outlives the tokens it was exchanged for.
package mandate.exchange

# Whole seconds, rounded up so that remaining lifetimes are rounded down: the
# policy never credits a token with time it does not have.
now_seconds := ceil(now_ns / 1000000000)

# Whole seconds left before a token's `exp` (negative once expired).
remaining_seconds(claims) := floor(claims.exp - now_seconds) if is_number(claims.exp)

subject_remaining_seconds := remaining_seconds(subject_claims)

actor_remaining_seconds := remaining_seconds(actor_claims) if has_actor_token

# Each limit that applies to this request, by where it comes from.
ttl_limits["requested"] := input.request.requested_ttl_seconds if {
	positive_integer(input.request.requested_ttl_seconds)
}

ttl_limits["audience"] := audience.max_ttl_seconds

ttl_limits["client"] := registered_client.max_ttl_seconds

ttl_limits["global"] := config.global.max_ttl_seconds

ttl_limits["subject_token"] := subject_remaining_seconds

ttl_limits["actor_token"] := actor_remaining_seconds

# Defined only when the subject token's lifetime is known and at least one
# second can be granted.
ttl_seconds := seconds if {
	subject_remaining_seconds
	seconds := min([limit | some limit in ttl_limits])
	seconds >= 1
}

violation contains reason("subject_token_expired", "the subject token has expired") if {
	subject_remaining_seconds < 1
}

violation contains reason("actor_token_expired", "the actor token has expired") if {
	actor_remaining_seconds < 1
}
