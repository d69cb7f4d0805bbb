from . import models
from . import wizard


def _post_init_hook(env):
    """Give every company with a chart of accounts its penalty income account."""
    for company in env["res.company"].search([("chart_template", "!=", False)]):
        company._session_penalty_account()
