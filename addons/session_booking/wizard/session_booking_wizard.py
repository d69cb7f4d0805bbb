from datetime import datetime, time, timedelta

import pytz
from markupsafe import Markup, escape

from odoo import _, api, fields, models
from odoo.exceptions import AccessError


class SessionBookingWizard(models.TransientModel):
    """Book a session for a client, or move one, from the backend."""

    _name = "session.booking.wizard"
    _description = "Book or Reschedule a Session"

    sale_line_id = fields.Many2one(
        "sale.order.line",
        string="Package",
        required=True,
        domain="[('is_session_package', '=', True), ('state', '=', 'sale'), ('session_remaining', '>', 0)]",
    )
    booking_id = fields.Many2one("session.booking", string="Session to Move", readonly=True)
    partner_id = fields.Many2one(related="sale_line_id.order_id.partner_id", string="Client")
    session_remaining = fields.Integer(related="sale_line_id.session_remaining")
    date = fields.Date(required=True, default=lambda self: fields.Date.context_today(self) + timedelta(days=1))
    start = fields.Datetime(required=True)
    free_slot_summary = fields.Html(compute="_compute_free_slots", sanitize=False)
    guest_partner_ids = fields.Many2many("res.partner", string="Guests")

    @api.model
    def _action_open(self, line, booking=None):
        return {
            "type": "ir.actions.act_window",
            "name": _("Reschedule Session") if booking else _("Book a Session"),
            "res_model": self._name,
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_sale_line_id": line.id,
                "default_booking_id": booking.id if booking else False,
            },
        }

    def _free_slots_of_day(self):
        """Free starts (naive UTC) of the chosen day, in the user's zone."""
        self.ensure_one()
        if not self.sale_line_id or not self.date:
            return []
        tz = pytz.timezone(self.env.user.tz or "UTC")
        day_start = tz.localize(datetime.combine(self.date, time.min)).astimezone(pytz.utc).replace(tzinfo=None)
        return self.sale_line_id._session_get_free_slots(day_start, day_start + timedelta(days=1))

    @api.depends("sale_line_id", "date")
    def _compute_free_slots(self):
        tz = pytz.timezone(self.env.user.tz or "UTC")
        for wizard in self:
            if not wizard.sale_line_id:
                wizard.free_slot_summary = False
                continue
            try:
                slots = wizard._free_slots_of_day()
            except AccessError as error:
                wizard.free_slot_summary = Markup("<p class='text-danger'>%s</p>") % error.args[0]
                continue
            if not slots:
                wizard.free_slot_summary = Markup("<p class='text-muted'>%s</p>") % _("No free time on this day.")
                continue
            times = ", ".join(pytz.utc.localize(slot).astimezone(tz).strftime("%H:%M") for slot in slots)
            wizard.free_slot_summary = Markup("<p>%s <strong>%s</strong></p>") % (
                _("Free times (%s):", tz.zone),
                escape(times),
            )

    @api.onchange("sale_line_id", "date")
    def _onchange_date_propose_first_slot(self):
        try:
            slots = self._free_slots_of_day()
        except AccessError:
            slots = []
        self.start = slots[0] if slots else False

    def action_confirm(self):
        self.ensure_one()
        if self.booking_id:
            self.booking_id._reschedule(self.start)
            booking = self.booking_id
        else:
            booking = self.sale_line_id._session_book(self.start, self.guest_partner_ids)
        return {
            "type": "ir.actions.act_window",
            "res_model": "session.booking",
            "res_id": booking.id,
            "view_mode": "form",
        }
