from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    # Terms of the package, copied from the product when the order is
    # confirmed: later edits of the product never change what was sold.
    is_session_package = fields.Boolean(string="Session Package", copy=False, readonly=True)
    session_expert_id = fields.Many2one(
        "res.users", string="Session Expert", copy=False, readonly=True, index="btree_not_null"
    )
    session_count = fields.Integer(string="Bookings per Unit", copy=False, readonly=True)
    session_duration = fields.Float(copy=False, readonly=True)
    session_max_attendees = fields.Integer(copy=False, readonly=True)
    session_notice_hours = fields.Float(copy=False, readonly=True)
    session_buffer_minutes = fields.Integer(copy=False, readonly=True)
    session_expiry_date = fields.Datetime(string="Sessions Expire On", copy=False, readonly=True)

    session_booking_ids = fields.One2many(
        "session.booking", "sale_line_id", string="Booked Sessions", groups="expert_base.group_expert"
    )
    session_total = fields.Integer(string="Sessions", compute="_compute_session_total", store=True)
    session_used = fields.Integer(string="Sessions Used", compute="_compute_session_used", store=True)
    session_remaining = fields.Integer(string="Sessions Left", compute="_compute_session_used", store=True)

    _sql_constraints = [
        (
            "session_used_within_total",
            "CHECK(session_used <= session_total)",
            "A package cannot be used beyond its number of sessions.",
        ),
    ]

    @api.depends("session_count", "product_uom_qty", "is_session_package")
    def _compute_session_total(self):
        for line in self:
            line.session_total = line.session_count * int(line.product_uom_qty) if line.is_session_package else 0

    @api.depends("session_total", "session_booking_ids.consumes_credit")
    def _compute_session_used(self):
        counts = (
            dict(
                self.env["session.booking"]._read_group(
                    [("sale_line_id", "in", self.ids), ("consumes_credit", "=", True)],
                    ["sale_line_id"],
                    ["__count"],
                )
            )
            if self.ids
            else {}
        )
        for line in self:
            line.session_used = counts.get(line._origin, 0)
            line.session_remaining = max(line.session_total - line.session_used, 0)

    # ------------------------------------------------------------------
    # Terms
    # ------------------------------------------------------------------

    def _session_freeze_terms(self):
        """Copy the package terms of the product onto the lines (once)."""
        for line in self.filtered(lambda ln: ln.product_id.is_session_package and not ln.is_session_package):
            line.write(line._prepare_session_terms_values())

    def _prepare_session_terms_values(self):
        self.ensure_one()
        template = self.product_id.product_tmpl_id
        confirmed = self.order_id.date_order or fields.Datetime.now()
        return {
            "is_session_package": True,
            "session_expert_id": template.expert_id.id,
            "session_count": template.session_count,
            "session_duration": template.session_duration,
            "session_max_attendees": template.session_max_attendees,
            "session_notice_hours": template.session_notice_hours,
            "session_buffer_minutes": template.session_buffer_minutes,
            "session_expiry_date": (
                confirmed + timedelta(days=template.session_validity_days) if template.session_validity_days else False
            ),
        }

    def _session_terms(self):
        """The frozen terms in the form the slot planner works with."""
        self.ensure_one()
        expert = self.session_expert_id
        calendar = self.product_id.session_availability_id or self.company_id.resource_calendar_id
        return {
            "expert": expert,
            "tz": expert._session_tz(),
            "calendar": calendar,
            "duration": timedelta(hours=self.session_duration),
            "buffer": timedelta(minutes=self.session_buffer_minutes),
            "notice": timedelta(hours=self.session_notice_hours),
            "expiry": self.session_expiry_date or None,
        }

    # ------------------------------------------------------------------
    # Booking
    # ------------------------------------------------------------------

    @api.model
    def _session_open_packages_domain(self, commercial_partner):
        """The session packages of ``commercial_partner`` with sessions left
        and not expired (used up and expired ones stay in their orders)."""
        return [
            ("order_id.partner_id.commercial_partner_id", "=", commercial_partner.id),
            ("is_session_package", "=", True),
            ("state", "=", "sale"),
            ("session_remaining", ">", 0),
            "|",
            ("session_expiry_date", "=", False),
            ("session_expiry_date", ">", fields.Datetime.now()),
        ]

    def _session_is_expired(self):
        self.ensure_one()
        return bool(self.session_expiry_date) and self.session_expiry_date <= fields.Datetime.now()

    def _session_bookable_error(self):
        """Why no session can be booked on this line now, or None."""
        self.ensure_one()
        if not self.is_session_package or self.order_id.state != "sale":
            return _("This order line is not a confirmed session package.")
        if self.order_id.fulfillment_state == "pending":
            return _("This package is not paid yet: sessions can be booked once it is paid.")
        if self._session_is_expired():
            return _("This package expired on %s.", fields.Datetime.to_string(self.session_expiry_date))
        if self.session_remaining <= 0:
            return _("No session left on this package.")
        if not self.session_expert_id:
            return _("This package has no expert to meet.")
        return None

    def _session_get_free_slots(self, date_from, date_to):
        self.ensure_one()
        self._session_check_access()
        if self.sudo()._session_bookable_error():
            return []
        return self.env["session.slot"].sudo()._get_free_slots(self.sudo(), date_from, date_to)

    def _session_check_access(self):
        """Only whoever may read the order line may book or list its slots."""
        try:
            self.check_access_rights("read")
            self.check_access_rule("read")
        except AccessError as error:
            raise AccessError(_("You cannot book sessions on this package.")) from error

    def _session_book(self, start, guest_partners=None, booked_by="client"):
        """Book one session of this package at ``start`` (naive UTC).

        Locks the order's lines and the expert, then re-checks credits and the
        slot on fresh data, so two requests racing for the same slot or the
        last credit end with exactly one booking.
        """
        self.ensure_one()
        self._session_check_access()
        line = self.sudo()
        line._session_lock()
        line.session_expert_id._lock_for_session_booking()
        error = line._session_bookable_error()
        if error:
            raise UserError(error)
        start = start.replace(microsecond=0)
        self.env["session.slot"].sudo()._check_slot(line, start)
        guest_partners = (guest_partners or self.env["res.partner"]) - line.order_id.partner_id
        if 1 + len(guest_partners) > line.session_max_attendees:
            raise UserError(_("A session of this package has at most %s attendees.", line.session_max_attendees))
        return (
            self.env["session.booking"]
            .sudo()
            .create(line._prepare_session_booking_values(start, guest_partners, booked_by))
        )

    def _session_lock(self):
        """``SELECT ... FOR UPDATE`` the lines of the orders (credits, names)."""
        self.env.cr.execute(
            "SELECT id FROM sale_order_line WHERE order_id IN %s ORDER BY id FOR UPDATE",
            [tuple(self.order_id.ids)],
        )
        self.invalidate_recordset(["session_used", "session_remaining", "session_booking_ids"])
        self.order_id.invalidate_recordset(["session_booking_ids"])

    def _prepare_session_booking_values(self, start, guest_partners, booked_by):
        self.ensure_one()
        return {
            "sale_line_id": self.id,
            "start": start,
            "stop": start + timedelta(hours=self.session_duration),
            "guest_partner_ids": [fields.Command.set(guest_partners.ids)],
            "booked_by": booked_by,
        }
