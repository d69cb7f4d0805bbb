from . import controllers, models, wizard


def _set_existing_customers_activated(env):
    """Customers who bought before the module was installed are Activated."""
    env["res.partner"]._customer_activate_buyers()
