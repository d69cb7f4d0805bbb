from odoo import _, fields, models

# generated orders shown under each recurring order of the list (all of
# them on its page)
LIST_ORDERS = 3


class ClientCenter(models.Model):
    """The Recurring panel: the client's recurring orders (state, amount,
    next payment, payments left, card, generated orders), where the card
    is changed and, when the operator allows it, an order paused."""

    _inherit = "client.center"

    show_recurring = fields.Boolean(string="Recurring Orders", default=True)

    def _get_panels(self):
        panels = super()._get_panels()
        if self.show_recurring:
            panels.append(self._panel("recurring", _("Recurring"), "fa-refresh", 22))
        return panels

    def _get_list_panels(self):
        panels = super()._get_list_panels()
        running = ("active", "processing", "suspended", "failed")
        panels["recurring"] = {
            "model": "recurring.order",
            "domain": self.env["recurring.order"]._prepare_client_recurring_domain,
            "sortings": {
                "next": {"label": _("Next Payment"), "order": "next_payment_date asc, id desc"},
                "newest": {"label": _("Newest"), "order": "start_date desc, id desc"},
                "amount": {"label": _("Amount"), "order": "amount desc, id desc"},
            },
            "filters": {
                "running": {"label": _("Current"), "domain": [("state", "in", running)]},
                "attention": {
                    "label": _("Payment Failed"),
                    "domain": ["|", ("state", "=", "failed"), "&", ("state", "=", "active"), ("retry_count", ">", 0)],
                },
                "completed": {"label": _("Completed"), "domain": [("state", "=", "completed")]},
                "all": {"label": _("All"), "domain": []},
            },
            "template": "recurring_order.client_center_recurring",
            "counter": "recurring",
        }
        return panels

    def _get_home_counters(self, partner, keys=None):
        counters = super()._get_home_counters(partner, keys=keys)
        if self.show_recurring and (keys is None or "recurring" in keys):
            Recurring = self.env["recurring.order"]
            counters["recurring"] = self._counter(
                "recurring",
                _("Recurring Orders"),
                Recurring.sudo().search_count(Recurring._prepare_client_recurring_domain(partner, running=True)),
            )
        return counters
