def post_init_hook(env):
    """Give every company with a chart of accounts its penalty income
    account, and the packages that exist already the default policy
    (packages sold before keep their terms: no policy, no penalty)."""
    for company in env["res.company"].search([("chart_template", "!=", False)]):
        company._session_penalty_account()
    for company in env["res.company"].search([("session_default_cancellation_policy_id", "!=", False)]):
        env["product.template"].with_context(active_test=False).search(
            [
                ("is_session_package", "=", True),
                ("cancellation_policy_id", "=", False),
                ("company_id", "in", (company.id, False)),
            ]
        ).cancellation_policy_id = company.session_default_cancellation_policy_id
