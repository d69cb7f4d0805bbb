import uuid

from odoo import _, api, fields, models
from odoo.exceptions import UserError

CONSUMING_STATES = ("booked", "done", "no_show", "late_cancelled")


class SessionBooking(models.Model):
    _name = "session.booking"
    _description = "Session Booking"
    _inherit = ["mail.thread", "mail.activity.mixin", "portal.mixin"]
    _order = "start desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, readonly=True, copy=False, default="/")
    sale_line_id = fields.Many2one(
        "sale.order.line",
        string="Package",
        required=True,
        readonly=True,
        index=True,
        ondelete="restrict",
        domain="[('is_session_package', '=', True)]",
    )
    sale_order_id = fields.Many2one(related="sale_line_id.order_id", store=True, index=True, string="Order")
    product_id = fields.Many2one(related="sale_line_id.product_id", string="Product")
    company_id = fields.Many2one(related="sale_order_id.company_id", store=True)
    partner_id = fields.Many2one(related="sale_order_id.partner_id", store=True, index=True, string="Client")
    commercial_partner_id = fields.Many2one(related="partner_id.commercial_partner_id", store=True, index=True)
    expert_id = fields.Many2one(related="sale_line_id.session_expert_id", store=True, index=True, string="Expert")
    guest_partner_ids = fields.Many2many("res.partner", string="Guests", help="Other people invited to the session.")
    start = fields.Datetime(required=True, tracking=True, index=True)
    stop = fields.Datetime(required=True, tracking=True)
    duration = fields.Float(related="sale_line_id.session_duration")
    state = fields.Selection(
        [
            ("booked", "Booked"),
            ("done", "Done"),
            ("cancelled", "Cancelled"),
            ("late_cancelled", "Cancelled Late"),
            ("no_show", "No-show"),
        ],
        default="booked",
        required=True,
        tracking=True,
        index=True,
    )
    consumes_credit = fields.Boolean(
        compute="_compute_consumes_credit",
        store=True,
        help="Whether the session uses one credit of its package.",
    )
    booked_by = fields.Selection(
        [("client", "Client"), ("expert", "Expert"), ("platform", "Platform")],
        default="client",
        readonly=True,
    )
    calendar_event_id = fields.Many2one(
        "calendar.event", string="Meeting", readonly=True, copy=False, index="btree_not_null"
    )
    videocall_url = fields.Char(related="calendar_event_id.videocall_location", string="Video Call Link")
    attendee_partner_ids = fields.Many2many("res.partner", compute="_compute_attendee_partner_ids", string="Attendees")
    booked_at = fields.Datetime(string="Booked On", default=fields.Datetime.now, readonly=True, copy=False)
    cancelled_at = fields.Datetime(readonly=True, copy=False)
    cancelled_by = fields.Selection(
        [("client", "Client"), ("expert", "Expert"), ("platform", "Platform")],
        readonly=True,
        copy=False,
    )
    cancel_reason = fields.Text(readonly=True, copy=False)
    is_upcoming = fields.Boolean(compute="_compute_is_upcoming", search="_search_is_upcoming")

    _sql_constraints = [
        ("name_uniq", "UNIQUE(sale_order_id, name)", "A session reference is unique per order."),
        ("stop_after_start", "CHECK(stop > start)", "A session ends after it starts."),
    ]

    def init(self):
        # Backs the expert lock: one expert never has two booked sessions
        # starting at the same time.
        self.env.cr.execute(
            """
            CREATE UNIQUE INDEX IF NOT EXISTS session_booking_expert_start_booked_uniq
                ON session_booking (expert_id, start) WHERE state = 'booked'
            """
        )

    @api.depends("state")
    def _compute_consumes_credit(self):
        for booking in self:
            booking.consumes_credit = booking.state in booking._consuming_states()

    def _consuming_states(self):
        return CONSUMING_STATES

    @api.depends("partner_id", "guest_partner_ids", "expert_id")
    def _compute_attendee_partner_ids(self):
        for booking in self:
            booking.attendee_partner_ids = booking.expert_id.partner_id | booking.partner_id | booking.guest_partner_ids

    def _compute_is_upcoming(self):
        now = fields.Datetime.now()
        for booking in self:
            booking.is_upcoming = booking.state == "booked" and booking.stop > now

    def _search_is_upcoming(self, operator, value):
        upcoming = [("state", "=", "booked"), ("stop", ">", fields.Datetime.now())]
        if (operator == "=") == bool(value):
            return upcoming
        return ["!", "&", *upcoming]

    def _compute_access_url(self):
        res = super()._compute_access_url()
        for booking in self:
            booking.access_url = f"/my/sessions/{booking.id}"
        return res

    @api.depends("name", "product_id")
    def _compute_display_name(self):
        for booking in self:
            booking.display_name = booking.name

    # ------------------------------------------------------------------
    # Create: name, meeting, confirmation
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self._next_name(vals["sale_line_id"])
        bookings = super().create(vals_list)
        for booking in bookings:
            booking._create_calendar_event()
            booking.message_subscribe(partner_ids=(booking.partner_id | booking.expert_id.partner_id).ids)
            # Calendar invites the client and guests; the expert, organiser of
            # the meeting, is told here, with the same join link.
            booking.message_post_with_source(
                "session_booking.message_session_booked",
                subtype_xmlid="mail.mt_note",
                partner_ids=booking.expert_id.partner_id.ids,
                render_values={"booking": booking},
            )
        return bookings

    @api.model
    def _next_name(self, sale_line_id):
        """``<order>-<n>``: n counts every session ever booked on the order
        (the caller holds the lock on the order's lines)."""
        line = self.env["sale.order.line"].browse(sale_line_id)
        self.env.cr.execute("SELECT COUNT(*) FROM session_booking WHERE sale_order_id = %s", [line.order_id.id])
        return f"{line.order_id.name}-{self.env.cr.fetchone()[0] + 1}"

    def _prepare_calendar_event_values(self):
        self.ensure_one()
        Event = self.env["calendar.event"]
        # Odoo's own Discuss video call, set before the invitations are sent
        access_token = uuid.uuid4().hex
        return {
            "access_token": access_token,
            "videocall_location": f"{Event.get_base_url()}/{Event.DISCUSS_ROUTE}/{access_token}",
            "name": _("%(product)s: %(client)s", product=self.product_id.name, client=self.partner_id.name),
            "start": self.start,
            "stop": self.stop,
            "user_id": self.expert_id.id,
            "partner_ids": [fields.Command.set(self.attendee_partner_ids.ids)],
            "alarm_ids": [fields.Command.set(self._default_alarms().ids)],
            "description": _("Session %s. Join with the video call link.", self.name),
            "privacy": "private",
            "show_as": "busy",
            "session_booking_id": self.id,
        }

    def _default_alarms(self):
        return self.env.ref("calendar.alarm_notif_1", raise_if_not_found=False) | self.env.ref(
            "session_booking.alarm_mail_1_day", raise_if_not_found=False
        )

    def _create_calendar_event(self):
        """The meeting in the expert's calendar with Odoo's own video call.

        Calendar sends its invitation to the client, the guests and the
        expert: the confirmation with the join link and an .ics file.
        """
        self.ensure_one()
        event = (
            self.env["calendar.event"]
            .sudo()
            .with_context(mail_create_nolog=True)
            .create(self._prepare_calendar_event_values())
        )
        self.calendar_event_id = event

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def _check_state(self, allowed, message):
        for booking in self:
            if booking.state not in allowed:
                raise UserError(message % {"name": booking.name, "state": booking._state_label()})

    def _state_label(self):
        return dict(self._fields["state"]._description_selection(self.env))[self.state]

    def action_cancel(self, cancelled_by=None, reason=None):
        """Cancel sessions: the one entry point for portal, backend and API.

        On-time cancellations give the credit back; the penalty module
        decides what a late cancellation by the client costs.
        """
        if not self.env.su:
            # public method writing as superuser below: callers need write
            # access (the portal calls it on the record it checked)
            self.check_access_rights("write")
            self.check_access_rule("write")
        cancelled_by = cancelled_by or self._default_cancelled_by()
        self._lock_for_cancel()
        self._check_state(("booked",), _("Session %(name)s is %(state)s: it cannot be cancelled."))
        for booking in self:
            booking._do_cancel(cancelled_by, reason, booking._cancel_state(cancelled_by))
        return True

    def _default_cancelled_by(self):
        user = self.env.user
        if user._is_public() or user.share:
            return "client"
        return "expert" if user._is_restricted_expert() else "platform"

    def _lock_for_cancel(self):
        """``SELECT ... FOR UPDATE`` the bookings: one cancellation wins."""
        if self.ids:
            self.env.cr.execute("SELECT id FROM session_booking WHERE id IN %s FOR UPDATE", [tuple(self.ids)])
            self.invalidate_recordset(["state"])

    def _cancel_state(self, cancelled_by):
        """The state a cancellation leads to (the penalty module decides late ones)."""
        return "cancelled"

    def _do_cancel(self, cancelled_by, reason, state):
        self.ensure_one()
        self.sudo().write(
            {
                "state": state,
                "cancelled_at": fields.Datetime.now(),
                "cancelled_by": cancelled_by,
                "cancel_reason": reason or False,
            }
        )
        self.sudo().calendar_event_id.with_context(dont_notify=True).active = False
        self.sudo().message_post_with_source(
            "session_booking.mail_template_session_cancelled",
            subtype_xmlid="mail.mt_comment",
            partner_ids=self.attendee_partner_ids.ids,
        )

    def action_mark_done(self):
        self._check_state(("booked",), _("Session %(name)s is %(state)s: it cannot be marked done."))
        now = fields.Datetime.now()
        if any(booking.start > now for booking in self):
            raise UserError(_("A session can be marked done once it has started."))
        self.write({"state": "done"})
        return True

    def action_mark_no_show(self):
        self._check_state(("booked", "done"), _("Session %(name)s is %(state)s: it cannot be a no-show."))
        if any(booking.start > fields.Datetime.now() for booking in self):
            raise UserError(_("A client can be marked absent only after the session started."))
        self.write({"state": "no_show"})
        return True

    def action_open_calendar_event(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "calendar.event",
            "res_id": self.calendar_event_id.id,
            "view_mode": "form",
        }

    def action_reschedule(self):
        self.ensure_one()
        return self.env["session.booking.wizard"]._action_open(self.sale_line_id, booking=self)

    def _reschedule(self, start):
        """Move a booked session to another free slot of its package."""
        self.ensure_one()
        self._check_state(("booked",), _("Session %(name)s is %(state)s: it cannot be moved."))
        line = self.sale_line_id.sudo()
        line._session_lock()
        self.expert_id._lock_for_session_booking()
        start = start.replace(microsecond=0)
        # the session's current meeting does not block its new time
        self.env["session.slot"].sudo()._check_slot(line, start, ignore_events=self.calendar_event_id)
        stop = start + (self.stop - self.start)
        self.sudo().write({"start": start, "stop": stop})
        self.calendar_event_id.sudo().write({"start": start, "stop": stop})
        return True

    @api.model
    def _cron_mark_done(self):
        """Sessions that ended more than a day ago without a no-show are done."""
        limit = fields.Datetime.subtract(fields.Datetime.now(), days=1)
        self.search([("state", "=", "booked"), ("stop", "<", limit)]).write({"state": "done"})

    # ------------------------------------------------------------------
    # Portal
    # ------------------------------------------------------------------

    def _get_report_base_filename(self):
        return self.name

    def _portal_cancel_preview(self):
        """What cancelling now means for the client (the penalty module adds the fee)."""
        self.ensure_one()
        return {"late": False, "fee": 0.0, "currency": self.sale_order_id.currency_id}
