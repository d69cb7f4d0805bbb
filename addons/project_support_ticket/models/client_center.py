from odoo import _, fields, models


class ClientCenter(models.Model):
    _inherit = "client.center"

    show_support = fields.Boolean(
        string="Support Tickets",
        default=True,
        help="A Support panel: the client's tickets and a form to open one.",
    )

    def _get_panels(self):
        panels = super()._get_panels()
        if self.show_support:
            panels.append(
                {
                    "key": "support",
                    "name": _("Support"),
                    "url": f"{self.website_url}/support",
                    "icon": "fa-life-ring",
                    "sequence": 50,
                }
            )
        return panels

    def _get_home_counters(self, partner):
        counters = super()._get_home_counters(partner)
        if self.show_support:
            Task = self.env["project.task"]
            counters["support"] = {
                "name": _("Open Tickets"),
                # sudo: the domain holds the partner's commercial partner's tickets only
                "value": Task.sudo().search_count(Task._support_open_domain(partner)),
                "url": f"{self.website_url}/support",
            }
        return counters
