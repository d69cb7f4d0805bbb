def post_init_hook(env):
    """Leads and meetings that exist at install make their people clients of
    their experts (expert_base's rule on partners reads it)."""
    env["crm.lead"].search([("partner_id", "!=", False), ("user_id", "!=", False)])._link_client_experts()
    env["calendar.event"].search([("user_id", "!=", False)])._link_client_experts()
