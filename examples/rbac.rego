# Role-based access control: users hold roles, and roles grant actions on types of resources.
# A request is allowed when one of the user's roles grants the requested action on the type
# of the requested resource.
#
#   ./mandate rego eval -d examples/rbac.rego -i examples/rbac-input.json 'data.rbac.allow'
package rbac

# The roles each user holds. (A real deployment would load these as data; they are inline here
# so that the example is one file.)
user_roles := {
	"alice": ["admin"],
	"bob": ["editor", "viewer"],
	"carol": ["viewer"],
}

# What each role may do, per resource type.
role_grants := {
	"admin": [
		{"action": "read", "type": "document"},
		{"action": "write", "type": "document"},
		{"action": "delete", "type": "document"},
		{"action": "read", "type": "audit_log"},
	],
	"editor": [
		{"action": "read", "type": "document"},
		{"action": "write", "type": "document"},
	],
	"viewer": [{"action": "read", "type": "document"}],
}

default allow := false

allow if {
	some grant in user_grants
	grant.action == input.action
	grant.type == input.resource.type
}

# Every grant the requesting user holds through any of their roles.
user_grants contains grant if {
	some role in user_roles[input.user]
	some grant in role_grants[role]
}

# Why a request was denied, for the decision log.
reasons contains "unknown user" if not user_roles[input.user]

reasons contains msg if {
	user_roles[input.user]
	not allow
	msg := concat(" ", ["no role of", input.user, "grants", input.action, "on", input.resource.type])
}
