from accounts import roles as role_rules


def roles(request):
    """Expose the signed-in user's roles to templates (for the navigation bar)."""
    user = request.user
    return {
        "user_roles": {
            "secretariat": role_rules.is_secretariat(user),
            "moderator": role_rules.is_moderator(user),
            "focal_point": role_rules.is_focal_point(user),
            "delegate": role_rules.is_delegate(user),
        }
    }
