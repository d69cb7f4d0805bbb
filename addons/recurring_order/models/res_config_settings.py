from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    recurring_retry_hours = fields.Integer(
        string="Hours between retries",
        config_parameter="recurring_order.retry_hours",
        default=24,
        help="A failed charge of a recurring order is tried twice more, this many hours apart; then the "
        "order is Failed.",
    )
    recurring_client_can_pause = fields.Boolean(
        string="Clients pause and resume",
        config_parameter="recurring_order.client_can_pause",
        help="Clients may pause their recurring orders and resume them from the client center.",
    )
