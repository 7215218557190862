package rbac_test

import data.rbac

doc(user, action) := {"user": user, "action": action, "resource": {"type": "document", "id": "d1"}}

test_admin_can_delete if {
	rbac.allow with input as doc("alice", "delete")
}

test_editor_can_write if {
	rbac.allow with input as doc("bob", "write")
}

test_viewer_cannot_write if {
	not rbac.allow with input as doc("carol", "write")
}

test_unknown_user_is_denied_with_a_reason if {
	not rbac.allow with input as doc("mallory", "read")
	rbac.reasons == {"unknown user"} with input as doc("mallory", "read")
}

test_grants_are_the_union_of_all_roles if {
	rbac.user_grants == {
		{"action": "read", "type": "document"},
		{"action": "write", "type": "document"},
	} with input as {"user": "bob"}
}

test_denial_explains_itself if {
	rbac.reasons == {"no role of carol grants delete on document"} with input as doc("carol", "delete")
}
