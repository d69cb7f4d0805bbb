from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    session_booking_horizon_days = fields.Integer(
        string="Booking Horizon (days)",
        default=60,
        help="How far ahead clients may book sessions, for new session packages (each package may differ).",
    )

    _sql_constraints = [
        (
            "session_booking_horizon_days_positive",
            "CHECK(session_booking_horizon_days > 0)",
            "Sessions can be booked at least one day ahead.",
        ),
    ]
