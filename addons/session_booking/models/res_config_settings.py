from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    session_max_attendees_ceiling = fields.Integer(
        string="Maximum attendees per session",
        config_parameter="session_booking.max_attendees_ceiling",
        default=5,
        help="Platform-wide ceiling for the attendees of one video session: "
        "video quality degrades beyond it. No package may allow more.",
    )
