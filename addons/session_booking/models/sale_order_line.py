from collections import OrderedDict
from datetime import datetime, timedelta

import pytz
from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError


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
    session_duration_display = fields.Char(string="Session Length", compute="_compute_session_duration_display")
    session_max_attendees = fields.Integer(string="Maximum Participants", copy=False, readonly=True)
    session_notice_hours = fields.Float(copy=False, readonly=True)
    session_buffer_minutes = fields.Integer(copy=False, readonly=True)
    session_booking_horizon_days = fields.Integer(string="Booking Horizon (days)", copy=False, readonly=True)
    session_expiry_date = fields.Datetime(string="Sessions Expire On", copy=False, readonly=True)
    # Where the slot planner reads the expert's hours, stored with the line
    # (kept current by the ORM as the product or the expert change, not
    # frozen): the planner reads the line, not its product and expert.
    session_availability_id = fields.Many2one(related="product_id.session_availability_id", store=True)
    session_expert_tz = fields.Selection(
        related="session_expert_id.tz",
        store=True,
        string="Expert Time Zone",
        help="The zone the expert's availability is read in (empty: the company's hours' zone).",
    )
    # the portal lists show it without reading the expert (a user, then a partner)
    session_expert_name = fields.Char(related="session_expert_id.name", store=True, string="Expert Name")

    session_terms_locked = fields.Boolean(
        compute="_compute_session_terms_locked",
        help="A sold package: only a platform manager changes what the client bought.",
    )
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

    @api.depends("is_session_package", "state")
    @api.depends_context("uid")
    def _compute_session_terms_locked(self):
        manager = self.env.user.has_group("expert_base.group_platform_manager")
        for line in self:
            line.session_terms_locked = line.is_session_package and line.state == "sale" and not manager

    @api.depends("session_duration")
    def _compute_session_duration_display(self):
        for line in self:
            line.session_duration_display = self.env["session.booking"]._session_format_duration(line.session_duration)

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
    # Terms: frozen at confirmation, then the platform's only
    # ------------------------------------------------------------------

    def _session_term_fields(self):
        """The package terms copied from the product at confirmation: no one
        but the platform (and the freezing itself) writes them."""
        return [
            "is_session_package",
            "session_expert_id",
            "session_count",
            "session_duration",
            "session_max_attendees",
            "session_notice_hours",
            "session_buffer_minutes",
            "session_booking_horizon_days",
            "session_expiry_date",
        ]

    def _session_sold_fields(self):
        """What a client bought with a confirmed package: its terms, its
        product, price and quantity. Only a platform manager changes them,
        each change logged on the order."""
        return [*self._session_term_fields(), "product_id", "product_uom_qty", "product_uom", "price_unit", "discount"]

    def write(self, vals):
        if not self.env.su and set(vals) & {"session_total", "session_used", "session_remaining"}:
            # counted from the terms and the sessions (stored computes, which
            # the ORM would otherwise let any caller overwrite)
            raise AccessError(_("The sessions of a package are counted from its terms and its sessions, not written."))
        if self.env.su or self.env.user.has_group("expert_base.group_platform_manager"):
            sold = self._session_sold_lines(vals)
            if not sold:
                return super().write(vals)
            changes = sold._session_prepare_changes(vals)
            res = super().write(vals)
            sold._session_check_total_covers_used()
            sold._session_log_changes(changes)
            return res
        if set(vals) & set(self._session_term_fields()):
            raise AccessError(
                _("The session terms of a package are copied from its product; only the platform changes them.")
            )
        if self._session_sold_lines(vals):
            raise AccessError(
                _(
                    "This package is sold: what the client bought (sessions, duration, participants, notice, "
                    "buffer, expiry, cancellation policy, expert, price and quantity) changes only by a "
                    "platform manager."
                )
            )
        return super().write(vals)

    def _session_sold_lines(self, vals):
        """The confirmed package lines among ``self`` whose sold terms ``vals`` touches."""
        if not set(vals) & set(self._session_sold_fields()):
            return self.browse()
        return self.filtered(lambda line: line.is_session_package and line.state == "sale")

    def _session_prepare_changes(self, vals):
        """{line: [(field, old value)]} of the sold terms ``vals`` changes."""
        names = [name for name in self._session_sold_fields() if name in vals]
        return {line: [(name, line[name]) for name in names] for line in self}

    def _session_check_total_covers_used(self):
        for line in self:
            if line.session_total < line.session_used:
                raise ValidationError(
                    _(
                        "%(package)s has %(used)s sessions used: it cannot hold fewer sessions.",
                        package=line.product_id.display_name,
                        used=line.session_used,
                    )
                )

    def _session_log_changes(self, changes):
        """Each change of a sold package on its order's chatter: old → new, by whom."""
        for line, olds in changes.items():
            items = Markup()
            for name, old in olds:
                new = line[name]
                if new == old:
                    continue
                field = self._fields[name]
                items += Markup("<li>%s: %s → %s</li>") % (
                    field._description_string(self.env),
                    line._session_display_value(name, old),
                    line._session_display_value(name, new),
                )
            if items:
                line.order_id.message_post(
                    body=Markup("<p>%s</p><ul>%s</ul>")
                    % (
                        _(
                            "%(user)s changed the sold package %(package)s:",
                            user=self.env.user.name,
                            package=line.product_id.display_name,
                        ),
                        items,
                    ),
                    subtype_xmlid="mail.mt_note",
                )

    def _session_display_value(self, name, value):
        field = self._fields[name]
        if field.type == "many2one":
            return value.display_name or _("None")
        if field.type == "selection":
            return dict(field._description_selection(self.env)).get(value, value)
        if field.type == "datetime":
            return self.env["session.booking"]._session_format_datetime(value, self.env.user.partner_id) or _("None")
        if field.type == "boolean":
            return _("Yes") if value else _("No")
        return "%g" % value if isinstance(value, float) else str(value)

    def _session_freeze_terms(self):
        """Copy the package terms of the product onto the lines (once)."""
        for line in self.filtered(lambda ln: ln.product_id.is_session_package and not ln.is_session_package):
            line.sudo().write(line._prepare_session_terms_values())

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
            "session_booking_horizon_days": template.session_booking_horizon_days,
            "session_expiry_date": (
                confirmed + timedelta(days=template.session_validity_days) if template.session_validity_days else False
            ),
        }

    def _session_terms(self):
        """The frozen terms in the form the slot planner works with."""
        self.ensure_one()
        expert = self.session_expert_id
        return {
            "expert": expert,
            "tz": self.session_expert_tz or expert._session_tz(),
            "calendar": self.session_availability_id or self.company_id.resource_calendar_id,
            "duration": timedelta(hours=self.session_duration),
            "buffer": timedelta(minutes=self.session_buffer_minutes),
            "notice": timedelta(hours=self.session_notice_hours),
            "horizon": timedelta(days=self._session_horizon_days()),
            "expiry": self.session_expiry_date or None,
        }

    def _session_horizon_days(self):
        """How many days ahead sessions of this package can be booked
        (packages sold before the horizon existed: the company's)."""
        self.ensure_one()
        return self.session_booking_horizon_days or self.company_id.session_booking_horizon_days or 60

    # ------------------------------------------------------------------
    # Bookable packages and slots
    # ------------------------------------------------------------------

    @api.model
    def _session_open_packages_domain(self, commercial_partner):
        """THE rule of the packages a client can still book: the session
        packages of ``commercial_partner`` with sessions left and not expired
        (unpaid ones included, the page says why they wait; used up and
        expired ones stay in their orders). Every page that lists bookable
        packages searches with it."""
        return [
            ("order_partner_id", "in", commercial_partner._ownership_partners_query()),
            ("is_session_package", "=", True),
            ("state", "=", "sale"),
            ("session_remaining", ">", 0),
            "|",
            ("session_expiry_date", "=", False),
            ("session_expiry_date", ">", fields.Datetime.now()),
        ]

    @api.model
    def _session_get_open_packages(self, commercial_partner, limit=None):
        """The packages ``commercial_partner`` can still book, latest first,
        searched with the caller's rights."""
        return self.browse(self._session_open_packages_query(commercial_partner, limit=limit))

    @api.model
    def _session_open_packages_query(self, commercial_partner, limit=None):
        """:meth:`_session_get_open_packages` as a query object (the
        caller's record rules applied), to run within a larger query."""
        return self._search(self._session_open_packages_domain(commercial_partner), order="id desc", limit=limit)

    def _session_is_expired(self):
        self.ensure_one()
        return bool(self.session_expiry_date) and self.session_expiry_date <= fields.Datetime.now()

    def _session_bookable_error(self):
        """Why no session can be booked on this line now, or None."""
        self.ensure_one()
        if not self.is_session_package or self.order_id.state != "sale":
            return _("This order line is not a confirmed session package.")
        payment_error = self._session_payment_error()
        if payment_error:
            return payment_error
        if self._session_is_expired():
            expiry = self.env["session.booking"]._session_format_datetime(
                self.session_expiry_date, self.env.user.partner_id
            )
            return _("This package expired on %s.", expiry)
        if self.session_remaining <= 0:
            return _("No session left on this package.")
        if not self.session_expert_id:
            return _("This package has no expert to meet.")
        return None

    def _session_payment_error(self):
        """Why the payment of the order does not (yet) let this package book,
        or None. Hook: a module that unlocks credits as the money arrives
        (sale_partial_payment) decides it per line."""
        self.ensure_one()
        if self.order_id.fulfillment_state == "pending":
            return _("This package is not paid yet: sessions can be booked once it is paid.")
        return None

    def _session_get_free_slots(self, date_from, date_to):
        self.ensure_one()
        self._session_check_caller()
        if self.sudo()._session_bookable_error():
            return []
        return self.env["session.slot"].sudo()._get_free_slots(self.sudo(), date_from, date_to)

    def _session_get_slot_days(self, tz_name):
        """The booking window of this package as a client sees it in
        ``tz_name``: ``{"days": {date: [(start_utc, start_local), ...]},
        "calendar_days": [date, ...]}`` from today to the last day of the
        booking horizon (the window the model accepts)."""
        self.ensure_one()
        tz = pytz.timezone(tz_name)
        now = fields.Datetime.now()
        horizon = self.sudo()._session_terms()["horizon"]
        days = OrderedDict()
        for slot in self._session_get_free_slots(now, now + horizon):
            local = pytz.utc.localize(slot).astimezone(tz)
            days.setdefault(local.date(), []).append((slot, local))
        first_day = pytz.utc.localize(now).astimezone(tz).date()
        last_day = pytz.utc.localize(now + horizon).astimezone(tz).date()
        return {
            "days": days,
            "calendar_days": [first_day + timedelta(days=n) for n in range((last_day - first_day).days + 1)],
        }

    # ------------------------------------------------------------------
    # Booking
    # ------------------------------------------------------------------

    def _session_caller_domain(self):
        """Who the caller is to a package, as a domain on the lines: the
        client's commercial partner's packages (portal), the expert's own,
        all for a platform manager; None: none. Groups are ormcached per
        user: nothing is read."""
        user = self.env.user
        if not user.has_group("base.group_user"):
            return [("order_partner_id", "in", self.env["res.partner"]._ownership_partners_query(user))]
        if user.has_group("expert_base.group_platform_manager"):
            return []
        if user.has_group("expert_base.group_expert"):
            return [("session_expert_id", "=", user.id)]
        return None

    def _session_check_caller(self):
        """The caller may book on this package: its client (through the
        portal), its expert, or a platform manager; code running as
        superuser has checked already.

        One query: the line searched with the caller's record rules and
        :meth:`_session_caller_domain`, its fields fetched on the way (what
        reading it would fetch)."""
        refused = AccessError(_("You cannot book sessions on this package."))
        if not self:
            # ``browse(0)`` (a URL's id 0, an RPC call without ids) is empty
            raise refused
        self.ensure_one()
        if self.env.su:
            return
        domain = self._session_caller_domain()
        if domain is None:
            raise refused
        fnames = [
            name
            for name, field in self._fields.items()
            if field.prefetch is True and not (field.groups and not self.user_has_groups(field.groups))
        ]
        try:
            # "in": ids beyond PostgreSQL's integer match nothing (not an error)
            found = self.search_fetch([("id", "in", self.ids), *domain], fnames, order="id")
        except AccessError as error:
            raise refused from error
        if not found:
            raise refused

    def _session_book(self, start, guest_partners=None):
        """Book one session of this package at ``start`` (naive UTC), as the
        caller (client, expert or platform: who booked follows from it).

        Locks the order's lines and the expert's time around the slot, then
        re-checks credits and the slot on fresh data, so two requests racing
        for the same or a clashing slot or the last credit end with exactly
        one booking; bookings of other times of the expert do not wait.
        """
        self.ensure_one()
        self._session_check_caller()
        if not isinstance(start, datetime):
            raise UserError(_("Choose one of the proposed times."))
        Booking = self.env["session.booking"]
        booked_by = Booking._session_caller_role()
        line = self.sudo()
        line._session_lock()
        error = line._session_bookable_error()
        if error:
            raise UserError(error)
        start = start.replace(microsecond=0)
        line._session_lock_slot(start)
        self.env["session.slot"].sudo()._check_slot(line, start)
        guest_partners = (guest_partners or self.env["res.partner"]) - line.order_id.partner_id
        participants = 2 + len(guest_partners - line.session_expert_id.partner_id)
        if participants > line.session_max_attendees:
            raise UserError(
                _(
                    "A session of this package has at most %s participants, the expert included.",
                    line.session_max_attendees,
                )
            )
        return Booking._create_booked(line._prepare_session_booking_values(start, guest_partners, booked_by))

    def _session_lock(self):
        """``SELECT ... FOR UPDATE`` the lines of the orders (credits, names)."""
        self.env.cr.execute(
            "SELECT id FROM sale_order_line WHERE order_id IN %s ORDER BY id FOR UPDATE",
            [tuple(self.order_id.ids)],
        )
        self.invalidate_recordset(["session_used", "session_remaining", "session_booking_ids"])
        self.order_id.invalidate_recordset(["session_booking_ids"])

    def _session_lock_slot(self, start):
        """Lock the expert's time a session of this package at ``start``
        would take, buffers included (see ``res.users._lock_for_session_booking``)."""
        self.ensure_one()
        self.session_expert_id._lock_for_session_booking(
            start, timedelta(hours=self.session_duration), timedelta(minutes=self.session_buffer_minutes)
        )

    def _prepare_session_booking_values(self, start, guest_partners, booked_by):
        self.ensure_one()
        return {
            "sale_line_id": self.id,
            "start": start,
            "stop": start + timedelta(hours=self.session_duration),
            "guest_partner_ids": [fields.Command.set(guest_partners.ids)],
            "booked_by": booked_by,
        }
