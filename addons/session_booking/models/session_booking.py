import uuid
from collections import defaultdict
from datetime import timedelta

import pytz

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL
from odoo.tools.misc import format_datetime

CONSUMING_STATES = ("booked", "done", "no_show", "late_cancelled")
CANCEL_REASON_MAX = 1000
# Proof that a create comes from the booking API (``_create_booked``,
# ``_import_sessions``): an object, not a value, so that no RPC caller can put
# it in a context (RPC contexts are JSON).
_BOOKING_API = object()
# How a time reads: "Tue 1 Dec 2026, 11:00" in the reader's language.
READER_DATETIME_FORMAT = "EEE d MMM y, HH:mm"


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
    expert_name = fields.Char(related="sale_line_id.session_expert_name")
    guest_partner_ids = fields.Many2many(
        "res.partner",
        string="Guests",
        help="Other people invited to the session; they are the meeting's attendees besides the client "
        "and the expert.",
    )
    start = fields.Datetime(required=True, readonly=True, tracking=True, index=True)
    stop = fields.Datetime(required=True, readonly=True, tracking=True)
    duration = fields.Float(related="sale_line_id.session_duration")
    duration_display = fields.Char(string="Length", compute="_compute_duration_display")
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
        readonly=True,
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
    cancelled_at = fields.Datetime(string="Cancelled On", readonly=True, copy=False)
    cancelled_by = fields.Selection(
        [("client", "Client"), ("expert", "Expert"), ("platform", "Platform")],
        readonly=True,
        copy=False,
    )
    cancel_reason = fields.Text(readonly=True, copy=False)
    cancel_reason_summary = fields.Char(string="Reason", compute="_compute_cancel_reason_summary")
    is_upcoming = fields.Boolean(compute="_compute_is_upcoming", search="_search_is_upcoming")
    calendar_title = fields.Char(compute="_compute_calendar_title")

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

    @api.depends("duration")
    def _compute_duration_display(self):
        for booking in self:
            booking.duration_display = self._session_format_duration(booking.duration)

    @api.depends("cancel_reason")
    def _compute_cancel_reason_summary(self):
        # one short line in lists: a long reason does not make rows tall
        for booking in self:
            reason = " ".join((booking.cancel_reason or "").split())
            booking.cancel_reason_summary = reason if len(reason) <= 60 else reason[:59] + "…"

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

    @api.depends("partner_id", "product_id")
    def _compute_calendar_title(self):
        # the client first: calendar boxes cut long titles, and the
        # reference alone says nothing at a glance
        for booking in self:
            booking.calendar_title = f"{booking.partner_id.name} · {booking.product_id.name}"

    # ------------------------------------------------------------------
    # Who may do what: the booking API creates, the actions write
    # ------------------------------------------------------------------

    def _session_action_fields(self):
        """Fields only the session's actions write (book, reschedule, mark
        done, no-show, cancel, waive), after their checks and as superuser;
        every other caller, whatever the entry point (form, RPC, import), is
        refused. Modules that add such fields extend the set."""
        return {
            "name",
            "sale_line_id",
            "sale_order_id",
            "product_id",
            "company_id",
            "partner_id",
            "commercial_partner_id",
            "expert_id",
            "start",
            "stop",
            "duration",
            "state",
            "consumes_credit",
            "booked_by",
            "booked_at",
            "calendar_event_id",
            "videocall_url",
            "cancelled_at",
            "cancelled_by",
            "cancel_reason",
            "calendar_title",
            "cancel_reason_summary",
            "duration_display",
            "attendee_partner_ids",
            "is_upcoming",
        }

    @api.model_create_multi
    def create(self, vals_list):
        """Sessions are created by the booking API only (``sale.order.line.
        _session_book`` and the batch ``_import_sessions``), which check the
        package, the credits, the caller and the slot first."""
        if self.env.context.get("session_booking_api") is not _BOOKING_API:
            raise AccessError(
                _(
                    "A session is booked from its package (Book Session in the backend, Book on the client's "
                    "portal): the booking checks the package, its credits and the expert's calendar."
                )
            )
        # the proof goes no further than this create (meetings, mails, ...)
        booking_model = self.with_context(session_booking_api=None)
        names = booking_model._next_names([vals["sale_line_id"] for vals in vals_list if vals.get("name", "/") == "/"])
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = names.pop(0)
        return super(SessionBooking, booking_model).create(vals_list)

    def write(self, vals):
        if not self.env.su:
            protected = set(vals) & self._session_action_fields()
            if protected:
                labels = ", ".join(sorted(self._fields[name]._description_string(self.env) for name in protected))
                raise AccessError(
                    _(
                        "%(fields)s of a session change only through its actions "
                        "(book, reschedule, mark done, no-show, cancel, waive).",
                        fields=labels,
                    )
                )
            if "guest_partner_ids" in vals:
                self._check_caller_may_act()
                self._check_state(("booked",), _("Session %(name)s is %(state)s: its guests cannot change."))
        res = super().write(vals)
        if "guest_partner_ids" in vals and not self.env.context.get("session_booking_syncing"):
            self._sync_meeting_attendees()
        return res

    def copy_data(self, default=None):
        # copy() starts here: a session is booked, never duplicated
        raise UserError(
            _(
                "A session cannot be duplicated: book another one from its package "
                "(Book Session), or move this one with Reschedule."
            )
        )

    @api.model
    def _session_caller_role(self):
        """Who is acting, from the caller: ``client`` (portal and public
        users, the client's own requests), ``expert`` (a restricted expert)
        or ``platform`` (platform managers, other internal users and
        automated jobs)."""
        user = self.env.user
        if user._is_public() or user.share:
            return "client"
        return "expert" if user._is_restricted_expert() else "platform"

    def _session_actor_description(self, role):
        """Who did something, as messages say it: ``the client, Emma
        Johnson``, ``the expert, Olivia Smith``, ``the platform``."""
        self.ensure_one()
        if role == "client":
            return _("the client, %s", self.partner_id.name)
        if role == "expert":
            return _("the expert, %s", self.expert_id.name)
        return _("the platform")

    def _check_caller_may_act(self):
        """Before any superuser write: the caller may change these sessions
        (its own as an expert, any as a platform manager). Clients act
        through the portal, which checks access and calls as superuser."""
        if self.env.su:
            return
        self.check_access_rights("write")
        self.check_access_rule("write")

    @api.model
    def _create_booked(self, vals_list):
        """Create sessions booked by ``sale.order.line._session_book`` (which
        checked the caller, the package and the slot): meetings, invitations,
        the expert's and the order's notes."""
        # no "Session created" line (the booked notes below say it, with
        # who and when) and one subscription of the client, the expert and
        # whoever booked instead of the creator's then the others'
        created = (
            self.sudo()
            .with_context(session_booking_api=_BOOKING_API, mail_create_nolog=True, mail_create_nosubscribe=True)
            .create(vals_list)
        )
        bookings = self.sudo().browse(created.ids)
        booker = self.env.user.partner_id if self.env.user.active else self.env["res.partner"]
        for booking in bookings:
            booking._create_calendar_event()
            booking._session_follow(booking.partner_id | booking.expert_id.partner_id | booker)
            booking._send_invitations()
            # who booked follows the session already (subscribed above)
            booking.with_context(mail_create_nosubscribe=True)._session_post(
                "session_booking.message_session_booked", booking.expert_id.partner_id, internal=True
            )
            booking._log_on_order("session_booking.message_session_booked_order")
        return bookings

    @api.model
    def _import_sessions(self, vals_list):
        """Batch API: record sessions that were booked elsewhere (history
        imported from another system, the demo data, the benchmark fill).

        ``vals_list``: dicts with ``sale_line_id`` and ``start`` (naive UTC)
        and optionally ``state``, ``booked_by``, ``booked_at``,
        ``cancelled_at``, ``cancelled_by``, ``cancel_reason``,
        ``guest_partner_ids``; ``stop`` follows from the package's duration.
        Sessions get their reference and their meeting (archived when
        cancelled) as the booking API makes them, in one create per model,
        without locks, slot checks or notifications: the caller vouches for
        the history (past times, the experts' calendars then). Packages must
        be confirmed session packages with enough credits (the database
        refuses more sessions than credits).
        """
        lines = self.env["sale.order.line"].sudo().browse([vals["sale_line_id"] for vals in vals_list])
        if any(not line.is_session_package or line.state != "sale" for line in lines):
            raise UserError(_("Sessions are imported on confirmed session packages only."))
        for vals, line in zip(vals_list, lines, strict=True):
            vals.setdefault("stop", vals["start"] + timedelta(hours=line.session_duration))
        bookings = (
            self.sudo()
            .with_context(session_booking_api=_BOOKING_API, mail_create_nolog=True, tracking_disable=True)
            .create(vals_list)
        )
        events = (
            self.env["calendar.event"]
            .sudo()
            .with_context(no_mail_to_attendees=True, mail_create_nolog=True, dont_notify=True)
            .create([booking._prepare_calendar_event_values() for booking in bookings])
        )
        for booking, event in zip(bookings, events, strict=True):
            booking.calendar_event_id = event
        events.filtered(lambda event: not event.session_booking_id._is_open()).active = False
        return bookings

    @api.model
    def _next_names(self, sale_line_ids):
        """``<order>-<n>`` for sessions to create on these lines, in order: n
        counts every session ever booked on the order (the booking API holds
        the lock on the order's lines)."""
        lines = self.env["sale.order.line"].sudo().browse(sale_line_ids)
        counts = {}
        if lines:
            self.env.cr.execute(
                "SELECT sale_order_id, COUNT(*) FROM session_booking WHERE sale_order_id IN %s GROUP BY sale_order_id",
                [tuple(lines.order_id.ids)],
            )
            counts = dict(self.env.cr.fetchall())
        names = []
        for line in lines:
            order = line.order_id
            counts[order.id] = counts.get(order.id, 0) + 1
            names.append(f"{order.name}-{counts[order.id]}")
        return names

    def _is_open(self):
        self.ensure_one()
        return self.state not in ("cancelled", "late_cancelled")

    # ------------------------------------------------------------------
    # Meeting and attendees
    # ------------------------------------------------------------------

    def _prepare_calendar_event_values(self):
        self.ensure_one()
        Event = self.env["calendar.event"]
        # Odoo's own Discuss video call, set before the invitations are sent
        access_token = uuid.uuid4().hex
        return {
            "access_token": access_token,
            "videocall_location": f"{Event.get_base_url()}/{Event.DISCUSS_ROUTE}/{access_token}",
            # the client first: calendar views cut long titles
            "name": _("%(client)s: %(product)s", client=self.partner_id.name, product=self.product_id.name),
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
        return self._session_ref("calendar.alarm_notif_1", "calendar.alarm") | self._session_ref(
            "session_booking.alarm_mail_1_day", "calendar.alarm"
        )

    @api.model
    def _session_ref(self, xmlid, model):
        """The ``model`` record of ``xmlid`` (empty when there is none), as
        ``env.ref`` without its existence query on every call: xmlids are
        looked up in Odoo's ormcache, and deleting a record deletes its
        xmlids (and clears that cache)."""
        res_model, res_id = self.env["ir.model.data"]._xmlid_to_res_model_res_id(xmlid, raise_if_not_found=False)
        return self.env[model].browse(res_id if res_model == model else ())

    def _create_calendar_event(self):
        """The meeting in the expert's calendar with Odoo's own video call.
        Its invitations are sent by :meth:`_send_invitations`."""
        self.ensure_one()
        event = (
            self.env["calendar.event"]
            .sudo()
            .with_context(mail_create_nolog=True, no_mail_to_attendees=True)
            .create(self._prepare_calendar_event_values())
        )
        self.sudo().calendar_event_id = event

    def _meeting_guest_attendees(self):
        """The meeting's attendees who are not its organiser (the expert)."""
        self.ensure_one()
        event = self.sudo().calendar_event_id
        return event.attendee_ids.filtered(lambda attendee: attendee.partner_id != self.expert_id.partner_id)

    def _session_follow(self, partners):
        """Make ``partners`` follow the session: what ``message_subscribe``
        does (active partners; customers get the external default subtypes;
        followers already there, such as the expert ``create`` subscribed,
        are kept), with the partners already read instead of searching them
        again."""
        partners = partners.filtered("active")
        self.env["mail.followers"]._insert_followers(
            self._name, self.ids, partners.ids, customer_ids=partners.filtered("partner_share").ids
        )

    def _send_invitations(self, template_xmlid="calendar.calendar_template_meeting_invitation"):
        """Calendar's invitation (join link, .ics) to the client and the
        guests, on every booking path. Calendar leaves out the current user
        (the client booking in its own request) unless told otherwise; the
        expert, organiser of the meeting, is told by its own note."""
        self.ensure_one()
        template = self._session_ref(template_xmlid, "mail.template")
        self._meeting_guest_attendees().with_context(mail_notify_author=True)._send_mail_to_attendees(template)

    def _check_attendee_cap(self, partners):
        """One cap for all participants of a session, the expert included."""
        self.ensure_one()
        maximum = self.sale_line_id.sudo().session_max_attendees
        if len(partners | self.expert_id.partner_id | self.partner_id) > maximum:
            raise ValidationError(
                _(
                    "Session %(name)s has at most %(max)s participants, the expert included.",
                    name=self.name,
                    max=maximum,
                )
            )

    @api.constrains("guest_partner_ids")
    def _check_guest_partner_ids(self):
        for booking in self:
            booking._check_attendee_cap(booking.guest_partner_ids)

    def _sync_meeting_attendees(self):
        """Guests added on the session are the meeting's attendees (calendar
        invites the new ones)."""
        for booking in self.filtered(lambda b: b.state == "booked" and b.calendar_event_id):
            booking.calendar_event_id.sudo().with_context(session_booking_syncing=True).write(
                {"partner_ids": [fields.Command.set(booking.attendee_partner_ids.ids)]}
            )

    def _sync_guests_from_meeting(self, event):
        """Attendees added on the meeting are the session's guests; the
        client stays (cancel the session to remove it)."""
        self.ensure_one()
        if self.partner_id not in event.partner_ids:
            raise ValidationError(
                _(
                    "%(client)s is the client of session %(name)s: cancel the session rather than removing them.",
                    client=self.partner_id.name,
                    name=self.name,
                )
            )
        guests = event.partner_ids - self.partner_id - self.expert_id.partner_id
        if guests != self.guest_partner_ids:
            self.sudo().with_context(session_booking_syncing=True).write(
                {"guest_partner_ids": [fields.Command.set(guests.ids)]}
            )

    # ------------------------------------------------------------------
    # Reading: times in the reader's zone, durations in words
    # ------------------------------------------------------------------

    @api.model
    def _session_reader_tz(self, partner):
        """The time zone ``partner`` reads times in: its own; else, when it
        is the current user, the browser's (the controllers put the ``tz``
        cookie in the context); else the session client's, the expert's, UTC."""

        def candidates():
            yield partner.tz
            if partner and partner == self.env.user.partner_id:
                yield self.env.context.get("tz")
            booking = self[:1].sudo()
            yield booking.partner_id.tz
            yield booking.expert_id.tz

        return next((name for name in candidates() if name in pytz.all_timezones_set), "UTC")

    @api.model
    def _session_format_datetime(self, dt, partner, end=None):
        """THE way a person reads a session time, in its zone and language,
        the zone named, no seconds: ``Tue 1 Dec 2026, 11:00 (Europe/London)``,
        or with ``end``: ``Tue 1 Dec 2026, 11:00–11:50 (Europe/London)``.

        ``dt`` and ``end``: naive UTC datetimes; ``partner``: the reader
        (see :meth:`_session_reader_tz`). Portal pages, mails, invitations
        and the client center use it (callable from QWeb on any session
        record or the empty model)."""
        if not dt:
            return ""
        tz = self._session_reader_tz(partner)
        lang = partner.lang or self.env.lang
        text = format_datetime(self.env, dt, tz=tz, dt_format=READER_DATETIME_FORMAT, lang_code=lang)
        if end:
            text += "–" + format_datetime(self.env, end, tz=tz, dt_format="HH:mm", lang_code=lang)
        return f"{text} ({tz})"

    @api.model
    def _session_format_duration(self, hours):
        """A length in words: ``50 minutes``, ``1 hour``, ``1 hour 30 minutes``
        (a float_time ``00:50`` reads as a clock time)."""
        minutes = round((hours or 0.0) * 60)
        hours_part, minutes_part = divmod(minutes, 60)
        parts = []
        if hours_part:
            parts.append(_("%s hour", hours_part) if hours_part == 1 else _("%s hours", hours_part))
        if minutes_part or not parts:
            parts.append(_("%s minute", minutes_part) if minutes_part == 1 else _("%s minutes", minutes_part))
        return " ".join(parts)

    # ------------------------------------------------------------------
    # Messages: each reader in its zone
    # ------------------------------------------------------------------

    def _session_post(self, template_xmlid, partners, internal=False, notify_author=False, **values):
        """Post ``template_xmlid`` (QWeb) on the session to ``partners``, one
        message per reading zone and language so that everyone reads times
        in its own zone.

        A message to the client (``internal`` False) is a comment the
        client's portal page shows; the others are notes (the same news for
        the expert and the platform). The subtype notifies only the given
        partners (followers are not all told twice); ``notify_author``: the
        author too (who cancels gets the confirmation)."""
        self.ensure_one()
        groups = defaultdict(lambda: self.env["res.partner"])
        for partner in partners:
            groups[(self._session_reader_tz(partner), partner.lang or self.env.lang)] |= partner
        client = self.partner_id
        # the client's message last: the latest on the session's thread
        for (_tz, lang), readers in sorted(groups.items(), key=lambda item: client in item[1]):
            to_client = not internal and bool(readers & (client | self.guest_partner_ids))
            self.sudo().with_context(lang=lang).message_post_with_source(
                template_xmlid,
                render_values={"booking": self, "reader": readers[:1], **values},
                message_type="comment",
                subtype_xmlid="session_booking.mt_session_news" if to_client else "mail.mt_note",
                partner_ids=readers.ids,
                notify_author=notify_author,
            )

    def _log_on_order(self, template_xmlid, **values):
        """A line in the order's chatter (bookings, moves, cancellations),
        times in the expert's zone: experts and the platform read it."""
        self.ensure_one()
        self.sale_order_id.sudo().message_post_with_source(
            template_xmlid,
            render_values={"booking": self, "reader": self.expert_id.partner_id, **values},
            subtype_xmlid="mail.mt_note",
        )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def _check_state(self, allowed, message):
        for booking in self:
            if booking.state not in allowed:
                raise UserError(message % {"name": booking.name, "state": booking._state_label()})

    def _state_label(self):
        return dict(self._fields["state"]._description_selection(self.env))[self.state]

    def action_cancel(self, reason=None, **unexpected):
        """Cancel sessions as the caller: the one entry point for the
        portal, the backend and RPC. Who cancelled follows from the caller
        (never from an argument: ``cancelled_by`` is refused); on-time
        cancellations give the credit back, the penalty module decides what
        a late one by the client costs."""
        self._check_caller_may_act()
        if unexpected:
            raise UserError(
                _(
                    "Who cancels follows from who you are: %s cannot be given.",
                    ", ".join(sorted(unexpected)),
                )
            )
        reason = self._clean_cancel_reason(reason)
        return self._cancel(self._session_caller_role(), reason)

    @api.model
    def _clean_cancel_reason(self, reason):
        """The reason as stored, or a clear error (bad input changes nothing)."""
        if reason is not None and not isinstance(reason, str):
            raise UserError(_("The reason must be text."))
        reason = (reason or "").strip()
        if "\x00" in reason:
            raise UserError(_("The reason contains a character that cannot be saved: please retype it."))
        if len(reason) > CANCEL_REASON_MAX:
            raise UserError(_("Please keep the reason under %s characters.", CANCEL_REASON_MAX))
        return reason or False

    def _cancel(self, cancelled_by, reason):
        """Lock, check and cancel as ``cancelled_by`` (the caller was checked
        by :meth:`action_cancel`; batch jobs call this directly)."""
        self._lock_for_cancel()
        self._check_state(("booked",), _("Session %(name)s is %(state)s: it cannot be cancelled."))
        for booking in self:
            booking._do_cancel(cancelled_by, reason, booking._cancel_state(cancelled_by))
        return True

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
        # archiving tracks nothing on the meeting: no tracking snapshot to read
        self.sudo().calendar_event_id.with_context(dont_notify=True, mail_notrack=True).active = False
        self._after_cancel()
        self._session_post(
            "session_booking.mail_template_session_cancelled", self.attendee_partner_ids, notify_author=True
        )
        self._log_on_order("session_booking.message_session_cancelled_order")

    def _after_cancel(self):
        """Hook: what follows a cancellation before everyone is told (the
        penalty module invoices late ones here, so the notice states the fee)."""

    def action_mark_done(self):
        self._check_caller_may_act()
        self._check_state(("booked",), _("Session %(name)s is %(state)s: it cannot be marked done."))
        now = fields.Datetime.now()
        if any(booking.start > now for booking in self):
            raise UserError(_("A session can be marked done once it has started."))
        self.sudo().write({"state": "done"})
        return True

    def action_mark_no_show(self):
        self._check_caller_may_act()
        self._check_state(("booked", "done"), _("Session %(name)s is %(state)s: it cannot be a no-show."))
        if any(booking.start > fields.Datetime.now() for booking in self):
            raise UserError(_("A client can be marked absent only after the session started."))
        self.sudo().write({"state": "no_show"})
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
        self._check_caller_may_act()
        return self.env["session.booking.wizard"]._action_open(self.sale_line_id, booking=self)

    def _reschedule(self, start):
        """Move a booked session to another free slot of its package, and
        its meeting with it."""
        self.ensure_one()
        self._check_caller_may_act()
        self._check_state(("booked",), _("Session %(name)s is %(state)s: it cannot be moved."))
        line = self.sale_line_id.sudo()
        line._session_lock()
        start = start.replace(microsecond=0)
        line._session_lock_slot(start)
        # the session's current meeting does not block its new time
        self.env["session.slot"].sudo()._check_slot(line, start, ignore_events=self.calendar_event_id)
        previous = self.start
        if start == previous:
            return True
        stop = start + (self.stop - self.start)
        self.sudo().write({"start": start, "stop": stop})
        self.calendar_event_id.sudo().with_context(no_mail_to_attendees=True).write({"start": start, "stop": stop})
        self._send_invitations("calendar.calendar_template_meeting_changedate")
        self._session_post(
            "session_booking.message_session_moved", self.expert_id.partner_id, internal=True, previous=previous
        )
        self._log_on_order("session_booking.message_session_moved_order", previous=previous)
        return True

    @api.model
    def _cron_mark_done(self):
        """Sessions that ended more than a day ago without a no-show are done."""
        limit = fields.Datetime.subtract(fields.Datetime.now(), days=1)
        self.search([("state", "=", "booked"), ("stop", "<", limit)]).sudo().write({"state": "done"})

    # ------------------------------------------------------------------
    # Portal
    # ------------------------------------------------------------------

    @api.model
    def _session_portal_domain(self, partner):
        """The sessions ``partner`` sees on the portal: its commercial partner's."""
        return partner._ownership_domain("commercial_partner_id")

    @api.model
    def _session_portal_past_domain(self, partner):
        """Sessions that took place (or were due: not yet marked done):
        neither upcoming nor cancelled."""
        return [
            *self._session_portal_domain(partner),
            ("is_upcoming", "=", False),
            ("state", "not in", ("cancelled", "late_cancelled")),
        ]

    @api.model
    def _prepare_portal_sessions_values(
        self, partner, past_offset=0, past_limit=20, upcoming_limit=20, cancelled_limit=10, packages_limit=20
    ):
        """The lists of ``/my/sessions`` for ``partner``: upcoming sessions
        (soonest first), past ones (one page) and their total, cancelled
        ones (latest first, future ones included: they did not take place)
        and the packages it can still book; ``more_sessions`` when lists
        were cut.

        The lists are searched with the caller's record rules, as query
        objects run in one statement; the records are read as superuser in
        one prefetch."""
        domain = self._session_portal_domain(partner)
        # one more than shown: whether there are more, without a count query
        upcoming_query = self._search(
            domain + [("is_upcoming", "=", True)], order="start asc, id", limit=upcoming_limit + 1
        )
        past_domain = self._session_portal_past_domain(partner)
        past_query = self._search(past_domain, order=self._order, limit=past_limit, offset=past_offset)
        cancelled_query = self._search(
            domain + [("state", "in", ("cancelled", "late_cancelled"))],
            order="cancelled_at desc, id desc",
            limit=cancelled_limit + 1,
        )
        packages_query = self.env["sale.order.line"]._session_open_packages_query(
            partner.commercial_partner_id, limit=packages_limit + 1
        )
        # ARRAY(subquery) keeps each subquery's order
        self.env.cr.execute(
            SQL(
                "SELECT ARRAY(%s), ARRAY(%s), ARRAY(%s), ARRAY(%s), (SELECT COUNT(*) FROM (%s) AS past)",
                upcoming_query.select(),
                past_query.select(),
                cancelled_query.select(),
                packages_query.select(),
                self._search(past_domain).select(),
            )
        )
        upcoming_ids, past_ids, cancelled_ids, package_ids, past_total = self.env.cr.fetchone()
        more = (
            len(upcoming_ids) > upcoming_limit
            or len(cancelled_ids) > cancelled_limit
            or len(package_ids) > packages_limit
        )
        upcoming_ids, cancelled_ids = upcoming_ids[:upcoming_limit], cancelled_ids[:cancelled_limit]
        bookings_sudo = self.sudo().browse(upcoming_ids + past_ids + cancelled_ids)
        packages_sudo = self.env["sale.order.line"].sudo().browse(package_ids[:packages_limit])
        # the packages and products of the listed packages and of the listed
        # sessions are read together, one query per model, whether the
        # sessions' packages are listed or not; the lines store the experts'
        # names, the product names live on the templates
        lines_sudo = packages_sudo | bookings_sudo.sale_line_id
        lines_sudo.product_id.product_tmpl_id.fetch(["name"])
        prefetch = bookings_sudo._prefetch_ids
        return {
            "upcoming_bookings": bookings_sudo.browse(upcoming_ids).with_prefetch(prefetch),
            "past_bookings": bookings_sudo.browse(past_ids).with_prefetch(prefetch),
            "past_total": past_total,
            "cancelled_bookings": bookings_sudo.browse(cancelled_ids).with_prefetch(prefetch),
            "packages": packages_sudo,
            "more_sessions": more,
        }

    def _portal_cancel_preview(self):
        """What cancelling now means for the client (the penalty module adds the fee)."""
        self.ensure_one()
        return {"late": False, "fee": 0.0, "currency": self.sale_order_id.currency_id}
