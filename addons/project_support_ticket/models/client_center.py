from odoo import _, api, fields, models

from odoo.addons.project.models.project_task import CLOSED_STATES


class ClientCenter(models.Model):
    """The Support panel of the client center: the client's tickets (a list
    panel) and a form to open one, an Open Tickets counter on the home."""

    _inherit = "client.center"

    show_support = fields.Boolean(
        string="Support Tickets",
        default=True,
        help="A Support panel: the client's tickets and a form to open one.",
    )

    @api.model
    def _default_support_user_ids(self):
        """A new center is answered by the company's support team, if any."""
        return self.env.company.sudo().support_user_ids or super()._default_support_user_ids()

    def _get_panels(self):
        panels = super()._get_panels()
        if self.show_support:
            panels.append(self._panel("support", _("Support"), "fa-life-ring", 50))
        return panels

    def _get_list_panels(self):
        panels = super()._get_list_panels()
        panels["support"] = {
            "model": "project.task",
            "domain": self.env["project.task"]._support_client_domain,
            "sortings": {
                "date": {"label": _("Newest"), "order": "create_date desc, id desc"},
                "name": {"label": _("Subject"), "order": "name asc, id desc"},
                "stage": {"label": _("Status"), "order": "stage_id asc, id desc"},
            },
            "filters": {
                "all": {"label": _("All"), "domain": []},
                "open": {"label": _("Open"), "domain": [("state", "not in", list(CLOSED_STATES))]},
                "solved": {"label": _("Solved"), "domain": [("state", "=", "1_done")]},
            },
            "template": "project_support_ticket.client_center_support",
        }
        return panels

    def _get_home_counters(self, partner, keys=None):
        counters = super()._get_home_counters(partner, keys=keys)
        if self.show_support and (keys is None or "support" in keys):
            Task = self.env["project.task"]
            # sudo: the domain holds the partner's commercial partner's tickets only
            counters["support"] = self._counter(
                "support", _("Open Tickets"), Task.sudo().search_count(Task._support_open_domain(partner))
            )
        return counters
