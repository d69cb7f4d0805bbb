def post_init_hook(env):
    """Companies that exist at install get the default Support project."""
    project = env.ref("project_support_ticket.project_project_support", raise_if_not_found=False)
    if project:
        env["res.company"].search([("support_project_id", "=", False)]).support_project_id = project
