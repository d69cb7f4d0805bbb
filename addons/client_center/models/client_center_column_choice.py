from odoo import fields, models

from .client_center_column import PANELS


class ClientCenterColumnChoice(models.Model):
    """The columns a user chose to see on one panel of one center."""

    _name = "client.center.column.choice"
    _description = "Client Center Column Choice"

    user_id = fields.Many2one("res.users", required=True, ondelete="cascade", index=True)
    center_id = fields.Many2one("client.center", required=True, ondelete="cascade")
    panel = fields.Selection(PANELS, required=True)
    column_ids = fields.Many2many("client.center.column", string="Shown Columns")

    _sql_constraints = [
        ("user_panel_unique", "unique(user_id, center_id, panel)", "One choice of columns per user and panel."),
    ]
