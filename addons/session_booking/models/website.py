from odoo import _, models
from odoo.http import request


class Website(models.Model):
    _inherit = "website"

    def _get_checkout_step_list(self):
        """A cart of services (session packages) is billed, not shipped:
        its address step is the billing address."""
        steps = super()._get_checkout_step_list()
        order = self.sale_get_order() if request else self.env["sale.order"]
        if not (order and order.only_services):
            return steps
        for xmlids, step in steps:
            if "website_sale.checkout" in xmlids:
                step["name"] = _("Billing")
            elif step.get("back_button_href") == "/shop/checkout":
                step["back_button"] = _("Return to billing")
        return steps
