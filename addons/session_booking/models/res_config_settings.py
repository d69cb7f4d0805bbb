from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    session_max_attendees_ceiling = fields.Integer(
        string="Maximum participants per session",
        config_parameter="session_booking.max_attendees_ceiling",
        default=5,
        help="Platform-wide cap of the people in one video session, the expert included: "
        "video quality degrades beyond 4 to 5. No package may allow more.",
    )
    session_booking_horizon_days = fields.Integer(related="company_id.session_booking_horizon_days", readonly=False)
