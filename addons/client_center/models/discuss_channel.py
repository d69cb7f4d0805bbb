from odoo import fields, models


class DiscussChannel(models.Model):
    _inherit = "discuss.channel"

    client_center_id = fields.Many2one("client.center", ondelete="cascade", index="btree_not_null", readonly=True)
    client_center_partner_id = fields.Many2one(
        "res.partner",
        string="Client",
        ondelete="cascade",
        readonly=True,
        help="The client of this client center conversation.",
    )

    _sql_constraints = [
        (
            "client_center_partner_unique",
            "unique(client_center_id, client_center_partner_id)",
            "A client has one conversation per client center.",
        ),
    ]
