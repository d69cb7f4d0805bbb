import re

import pytz

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.http import request
from odoo.tools import format_datetime, html2plaintext

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

# How a client reads a time: one format, minutes, the zone named
DATETIME_FORMAT = "EEE d MMM y, HH:mm"


class ClientCenter(models.Model):
    """A portal client center: one URL (``/client-center/<slug>``) with the
    panels a client uses (home and chat, due payments, orders, invoices,
    sessions). Several centers can exist, for departments or brands.

    **Adding a panel** (see the readme's *Panels* section): extend
    ``_get_panels`` (the menu entry), ``_get_home_counters`` (its counter on
    the home page, computed only when asked for), and for a list of
    records ``_get_list_panels`` (what the list shows: model, domain,
    sortings, filters, template, counter); its route calls the portal's
    ``_render_client_center_list(slug, key, ...)``.
    """

    _name = "client.center"
    _description = "Client Center"
    _order = "sequence, id"

    # Records per page of a list panel
    _items_per_page = 20

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    slug = fields.Char(
        string="URL Slug",
        required=True,
        help="The center is published at /client-center/<slug>: lower-case letters, digits and dashes.",
    )
    website_id = fields.Many2one(
        "website",
        ondelete="cascade",
        help="The website the center is served on; empty means every website.",
    )
    company_id = fields.Many2one("res.company", related="website_id.company_id")
    website_url = fields.Char(compute="_compute_website_url")
    welcome_message = fields.Html(
        translate=True,
        sanitize=True,
        help="Shown on top of the center's home page.",
    )
    show_payments = fields.Boolean(string="Due Payments", default=True)
    show_orders = fields.Boolean(string="Orders", default=True)
    show_invoices = fields.Boolean(string="Invoices", default=True)
    show_sessions = fields.Boolean(string="Sessions", default=True)
    show_chat = fields.Boolean(
        string="Chat",
        default=True,
        help="Conversations of each client with its experts and with the support team, on the home page.",
    )
    allow_sale_order_creation = fields.Boolean(
        string="Clients Create Sales Orders",
        default=False,
        help="Clients may create quotations from the allowed products. Off by default, for safety.",
    )
    product_ids = fields.Many2many(
        "product.product",
        string="Allowed Products",
        domain=[("sale_ok", "=", True)],
        help="The products a client may put on a quotation created from the center.",
    )
    column_ids = fields.One2many(
        "client.center.column",
        "center_id",
        string="Columns",
        copy=True,
        default=lambda self: self._default_column_ids(),
    )
    support_user_ids = fields.Many2many(
        "res.users",
        string="Support Team",
        domain=[("share", "=", False)],
        default=lambda self: self._default_support_user_ids(),
        help="Internal users who receive the clients' chat messages and answer them in Discuss.",
    )

    chat_channel_count = fields.Integer(string="Conversations", compute="_compute_chat_channel_count")

    _sql_constraints = [
        ("slug_unique", "unique(slug)", "Another client center already uses this URL slug."),
    ]

    @api.model
    def _default_column_ids(self):
        """A new center offers the default center's columns."""
        default = self.env.ref("client_center.client_center_default", raise_if_not_found=False)
        return [
            fields.Command.create(
                {
                    "panel": column.panel,
                    "field_name": column.field_name,
                    "label": column.label,
                    "sequence": column.sequence,
                    "default_shown": column.default_shown,
                }
            )
            for column in (default.sudo().column_ids if default else [])
        ]

    @api.model
    def _default_support_user_ids(self):
        """A new center is answered by the default center's support team."""
        default = self.env.ref("client_center.client_center_default", raise_if_not_found=False)
        return default.sudo().support_user_ids if default else self.env["res.users"]

    def write(self, vals):
        res = super().write(vals)
        if "support_user_ids" in vals:
            self._sync_chat_members()
        return res

    @api.constrains("slug")
    def _check_slug(self):
        for center in self:
            if not SLUG_RE.match(center.slug or ""):
                raise ValidationError(
                    _(
                        "The URL slug %(slug)s may only hold lower-case letters, digits and single dashes.",
                        slug=center.slug,
                    )
                )

    def _compute_chat_channel_count(self):
        groups = (
            self.env["discuss.channel"]
            .sudo()
            ._read_group([("client_center_id", "in", self.ids)], ["client_center_id"], ["__count"])
        )
        counts = {center.id: count for center, count in groups}
        for center in self:
            center.chat_channel_count = counts.get(center.id, 0)

    def action_open_chat_channels(self):
        """The clients' conversations of this center (answer them in Discuss)."""
        self.ensure_one()
        self.check_access_rights("read")
        self.check_access_rule("read")
        return {
            "type": "ir.actions.act_window",
            "name": _("Conversations"),
            "res_model": "discuss.channel",
            "view_mode": "tree,form",
            "domain": [("client_center_id", "=", self.id)],
            "context": {"create": False},
        }

    @api.depends("slug")
    def _compute_website_url(self):
        for center in self:
            center.website_url = f"/client-center/{center.slug}" if center.slug else False

    # ------------------------------------------------------------------
    # Which center
    # ------------------------------------------------------------------

    @api.model
    def _get_center_by_slug(self, slug, website=None):
        """The active center published at ``slug`` on ``website`` (sudo),
        or an empty recordset; a malformed slug finds none."""
        if not isinstance(slug, str) or not SLUG_RE.match(slug):
            return self.sudo().browse()
        domain = [("slug", "=", slug)]
        if website:
            domain += [("website_id", "in", (False, website.id))]
        # one query: every page reads the center
        return self.sudo().search_fetch(domain, self._fields_read_by_pages(), limit=1)

    @api.model
    def _fields_read_by_pages(self):
        """The center's fields its pages read (fetched with the center)."""
        return [
            name for name, field in self._fields.items() if field.store and field.type not in ("one2many", "many2many")
        ]

    @api.model
    def _get_default_center(self, website=None):
        """The center ``/client-center`` leads to (sudo): the module's
        default one, else the first of ``website``'s."""
        center = self.env.ref("client_center.client_center_default", raise_if_not_found=False)
        if center and center.sudo().active:
            return center.sudo()
        domain = [("website_id", "in", (False, website.id))] if website else []
        return self.sudo().search(domain, limit=1)

    # ------------------------------------------------------------------
    # Panels and home counters: extended by other modules with super()
    # ------------------------------------------------------------------

    def _get_panels(self):
        """The panels shown on this center (menu entries).

        Each panel is a dict ``{"key", "name", "url", "icon", "sequence"}``
        (``_panel`` makes it), ordered by ``sequence`` on the page. A module
        adding a panel extends this method and appends its entry when the
        center shows it.
        """
        self.ensure_one()
        panels = [self._panel("home", _("Home"), "fa-home", 0, path="")]
        if self.show_payments:
            panels.append(self._panel("payments", _("Due Payments"), "fa-credit-card", 10))
        if self.show_orders:
            panels.append(self._panel("orders", _("Orders"), "fa-shopping-cart", 20))
        if self.allow_sale_order_creation:
            panels.append(self._panel("new_order", _("New Order"), "fa-plus-square", 25, path="orders/new"))
        if self.show_invoices:
            panels.append(self._panel("invoices", _("Invoices"), "fa-file-text-o", 30))
        if self.show_sessions:
            panels.append(self._panel("sessions", _("Sessions"), "fa-video-camera", 40))
        return panels

    def _panel(self, key, name, icon, sequence, path=None):
        """The menu entry of a panel, served at ``/client-center/<slug>/<path>``
        (``path`` is ``key`` unless given; empty for the home page); ``icon``
        is a Font Awesome class."""
        url = f"{self.website_url}/{key if path is None else path}".rstrip("/")
        return {"key": key, "name": name, "url": url, "icon": icon, "sequence": sequence}

    def _get_sorted_panels(self):
        return sorted(self._get_panels(), key=lambda panel: panel["sequence"])

    def _get_panel(self, key):
        """The menu entry of the panel ``key``, or None when not shown."""
        return next((panel for panel in self._get_panels() if panel["key"] == key), None)

    def _has_panel(self, key):
        return bool(self._get_panel(key))

    def _get_list_panels(self):
        """What the list panels list, by panel key: ONE description per list,
        rendered by the portal's ``_render_client_center_list``.

        A description is a dict:

        - ``model``: the model listed;
        - ``domain``: a function of the client's partner returning the
          domain of its records (an ownership hook of the model, e.g.
          ``account.move._prepare_due_invoices_domain``); for portal users
          the list is searched with their rights as well;
        - ``sortings``, ``filters``: ``{key: {"label", "order"}}`` and
          ``{key: {"label", "domain"}}``, the first one is the default;
        - ``template``: the QWeb template of the page (it calls
          ``client_center.client_center_layout``; the records are in
          ``records``, in sudo, with ``pager``, ``columns``...);
        - ``counter`` (optional): the home counter shown above the list
          (``counters[key]`` in the template), computed alone;
        - ``columns`` (optional): whether the client picks optional columns
          (``client.center.column`` of that panel).

        A module adding a list panel extends this method.
        """
        self.ensure_one()
        today = fields.Date.context_today(self)
        Move = self.env["account.move"]
        return {
            "payments": {
                "model": "account.move",
                "domain": Move._prepare_due_invoices_domain,
                "sortings": {
                    "due_date": {"label": _("Due Date"), "order": "invoice_date_due asc, id asc"},
                    "date": {"label": _("Invoice Date"), "order": "invoice_date desc, id desc"},
                    "name": {"label": _("Number"), "order": "name desc, id desc"},
                    "amount": {"label": _("Amount Due"), "order": "amount_residual desc, id desc"},
                },
                "filters": {
                    "all": {"label": _("All"), "domain": []},
                    "overdue": {"label": _("Overdue"), "domain": [("invoice_date_due", "<", today)]},
                },
                "template": "client_center.client_center_payments",
                "counter": "payments",
                "columns": True,
            },
            "orders": {
                "model": "sale.order",
                "domain": self.env["sale.order"]._prepare_client_orders_domain,
                "sortings": {
                    "date": {"label": _("Newest"), "order": "date_order desc, id desc"},
                    "name": {"label": _("Reference"), "order": "name desc, id desc"},
                    "amount": {"label": _("Total"), "order": "amount_total desc, id desc"},
                    "state": {"label": _("Status"), "order": "state, date_order desc, id desc"},
                },
                "filters": {
                    "all": {"label": _("All"), "domain": []},
                    "quotations": {"label": _("Quotations"), "domain": [("state", "=", "sent")]},
                    "orders": {"label": _("Confirmed"), "domain": [("state", "=", "sale")]},
                    "cancelled": {"label": _("Cancelled"), "domain": [("state", "=", "cancel")]},
                },
                "template": "client_center.client_center_orders",
                "columns": True,
            },
            "invoices": {
                "model": "account.move",
                "domain": Move._prepare_client_invoices_domain,
                "sortings": {
                    "date": {"label": _("Newest"), "order": "invoice_date desc, id desc"},
                    "due_date": {"label": _("Due Date"), "order": "invoice_date_due desc, id desc"},
                    "name": {"label": _("Number"), "order": "name desc, id desc"},
                    "amount": {"label": _("Total"), "order": "amount_total_signed desc, id desc"},
                },
                "filters": {
                    "all": {"label": _("All"), "domain": []},
                    "invoices": {"label": _("Invoices"), "domain": [("move_type", "=", "out_invoice")]},
                    "credit_notes": {"label": _("Credit Notes"), "domain": [("move_type", "=", "out_refund")]},
                    "unpaid": {"label": _("Unpaid"), "domain": [("payment_state", "in", ("not_paid", "partial"))]},
                    "paid": {
                        "label": _("Paid"),
                        "domain": [("payment_state", "in", ("paid", "in_payment", "reversed"))],
                    },
                },
                "template": "client_center.client_center_invoices",
                "columns": True,
            },
        }

    def _get_home_counters(self, partner, keys=None):
        """Live counters of the home shortcuts for ``partner`` (its
        commercial partner's records): ``{key: {"name", "value", "url"}}``.

        A monetary counter also has ``currency`` (a ``res.currency``).
        ``keys``: compute only these counters (None: all the center shows),
        as Odoo's portal computes only the counters a page asks for. Runs
        one aggregate query per counter; a module adding a counter extends
        this method and computes it only when ``keys`` is None or holds it.
        """
        self.ensure_one()
        counters = {}
        if self.show_payments and (keys is None or "payments" in keys):
            company = self.company_id or self.env.company
            groups = (
                self.env["account.move"]
                .sudo()
                ._read_group(
                    self.env["account.move"]._prepare_due_invoices_domain(partner),
                    aggregates=["amount_residual_signed:sum"],
                )
            )
            counters["payments"] = self._counter(
                "payments", _("Due"), groups[0][0] if groups else 0.0, currency=company.currency_id
            )
        if self.show_orders and (keys is None or "orders" in keys):
            Order = self.env["sale.order"]
            counters["orders"] = self._counter(
                "orders", _("Open Orders"), Order.sudo().search_count(Order._prepare_open_orders_domain(partner))
            )
        if self.show_sessions and (keys is None or "sessions" in keys):
            Session = self.env["session.booking"]
            counters["sessions"] = self._counter(
                "sessions",
                _("Upcoming Sessions"),
                Session.sudo().search_count(Session._prepare_client_sessions_domain(partner, "upcoming")),
            )
        return counters

    def _counter(self, key, name, value, **extra):
        """A home counter: ``value`` under ``name``, linking to the panel
        ``key``; ``extra``: ``currency`` for an amount."""
        return {"name": name, "value": value, "url": f"{self.website_url}/{key}", **extra}

    # ------------------------------------------------------------------
    # Columns chosen per user
    # ------------------------------------------------------------------

    def _get_panel_columns(self, panel):
        """All optional columns the center offers on ``panel``."""
        self.ensure_one()
        return (
            self.env["client.center.column"]
            .sudo()
            .search_fetch(
                [("center_id", "=", self.id), ("panel", "=", panel)],
                ["panel", "field_name", "label", "sequence", "default_shown"],
                order="sequence, id",
            )
        )

    def _get_shown_columns(self, panel, user, offered=None):
        """The optional columns ``user`` sees on ``panel`` (among
        ``offered``, by default the panel's): its own choice, else the
        columns shown by default."""
        self.ensure_one()
        choice_sudo = (
            self.env["client.center.column.choice"]
            .sudo()
            .search([("user_id", "=", user.id), ("center_id", "=", self.id), ("panel", "=", panel)], limit=1)
        )
        if offered is None:
            offered = self._get_panel_columns(panel)
        if choice_sudo:
            return offered & choice_sudo.column_ids
        return offered.filtered("default_shown")

    def _set_shown_columns(self, panel, user, column_ids):
        """Remember that ``user`` wants the columns ``column_ids`` on ``panel``.

        Ids the panel does not offer are refused: nothing changes.
        """
        self.ensure_one()
        offered = self._get_panel_columns(panel)
        if not set(column_ids) <= set(offered.ids):
            raise ValidationError(_("This panel does not offer these columns."))
        Choice = self.env["client.center.column.choice"].sudo()
        choice_sudo = Choice.search(
            [("user_id", "=", user.id), ("center_id", "=", self.id), ("panel", "=", panel)], limit=1
        )
        values = {"column_ids": [fields.Command.set(list(column_ids))]}
        if choice_sudo:
            choice_sudo.write(values)
        else:
            choice_sudo = Choice.create({"user_id": user.id, "center_id": self.id, "panel": panel, **values})
        return choice_sudo

    # ------------------------------------------------------------------
    # Chat: the client's conversations on this center (discuss.channel)
    # ------------------------------------------------------------------

    def _get_chat_channel(self, partner, create=False, expert=None):
        """The conversation of ``partner`` on this center with ``expert``
        (none: with the support team), in sudo."""
        self.ensure_one()
        return self.env["discuss.channel"]._client_center_conversation(self, partner, expert, create=create)

    def _get_chat_conversations(self, partner):
        """The conversations ``partner`` may hold on this center: one with
        each of its experts (who answer with the support team), then one
        with the support team. Dicts ``{"key", "name", "title",
        "invitation", "expert", "channel"}`` (``key``: the expert's id, 0 for
        support; ``channel``: in sudo, empty until the first message), the
        most recently active first."""
        self.ensure_one()
        experts = partner._get_client_experts().sudo().sorted("name")
        channels_sudo = (
            self.env["discuss.channel"]
            .sudo()
            .search_fetch(
                [("client_center_id", "=", self.id), ("client_center_partner_id", "=", partner.id)],
                ["client_center_expert_id"],
            )
        )
        by_expert = {channel.client_center_expert_id.id: channel for channel in channels_sudo}
        experts |= channels_sudo.client_center_expert_id
        conversations = [
            {
                "key": expert.id,
                "name": expert.name,
                "title": _("Chat with %(expert)s and support", expert=expert.name),
                "invitation": _(
                    "Write to %(expert)s: your expert and our support team answer here.", expert=expert.name
                ),
                "expert": expert,
                "channel": by_expert.get(expert.id, channels_sudo.browse()),
            }
            for expert in experts
        ] + [
            {
                "key": 0,
                "name": _("Support"),
                "title": _("Chat with support"),
                "invitation": _("Ask us anything: our support team answers here."),
                "expert": self.env["res.users"],
                "channel": by_expert.get(False, channels_sudo.browse()),
            }
        ]
        return sorted(conversations, key=self._chat_last_activity(channels_sudo), reverse=True)

    @api.model
    def _chat_last_activity(self, channels_sudo):
        """Sort key of conversations: their last message (one query)."""
        last = {}
        if len(channels_sudo) > 1:
            groups = (
                self.env["mail.message"]
                .sudo()
                ._read_group(
                    [("model", "=", "discuss.channel"), ("res_id", "in", channels_sudo.ids)], ["res_id"], ["id:max"]
                )
            )
            last = dict(groups)
        return lambda conversation: last.get(conversation["channel"].id, 0) if conversation["channel"] else -1

    def _sync_chat_members(self):
        """New support team members join the existing conversations."""
        for center in self:
            channels_sudo = self.env["discuss.channel"].sudo().search([("client_center_id", "=", center.id)])
            for channel_sudo in channels_sudo:
                missing = center.support_user_ids.partner_id - channel_sudo.channel_member_ids.partner_id
                if missing:
                    channel_sudo.add_members(partner_ids=missing.ids, post_joined_message=False)

    def _chat_post(self, partner, body, expert=None):
        """Post the client's message ``body`` (plain text) in its
        conversation with ``expert`` (none: with support); return the
        message. Bad input raises ``UserError`` and posts nothing."""
        self.ensure_one()
        if not self.show_chat:
            raise UserError(_("The chat is not available on this client center."))
        if expert and expert not in partner._get_client_experts():
            raise UserError(_("Write to your experts or to the support team."))
        # checked before the conversation is created
        self.env["discuss.channel"]._client_center_check_body(body)
        channel_sudo = self._get_chat_channel(partner, create=True, expert=expert)
        return channel_sudo._client_center_post(partner, body)

    def _chat_messages(self, partner, limit=50, expert=None):
        """The last ``limit`` messages of ``partner``'s conversation with
        ``expert`` (none: with support), oldest first, as dicts for the
        portal."""
        self.ensure_one()
        channel_sudo = self._get_chat_channel(partner, expert=expert)
        if not channel_sudo:
            return []
        return [self._chat_format_message(message, partner) for message in channel_sudo._client_center_messages(limit)]

    @api.model
    def _chat_format_message(self, message, partner):
        return {
            "id": message.id,
            "author": message.author_id.name or "",
            "is_mine": message.author_id == partner,
            "body": html2plaintext(message.body or ""),
            "date": message.date,
            "date_label": self._format_datetime(message.date, partner),
        }

    # ------------------------------------------------------------------
    # Times
    # ------------------------------------------------------------------

    @api.model
    def _format_datetime(self, value, partner):
        """``value`` (UTC) as ``partner`` reads it: in its zone, named, in
        one format without seconds ("Tue 1 Dec 2026, 11:00 (Europe/London)")."""
        Session = self.env["session.booking"]
        if hasattr(Session, "_session_format_datetime"):
            return Session._session_format_datetime(value, partner)
        if not value:
            return ""
        tz = self._reader_tz(partner)
        return "%s (%s)" % (format_datetime(self.env, value, tz=tz, dt_format=DATETIME_FORMAT), tz)

    @api.model
    def _reader_tz(self, partner):
        """The zone ``partner`` reads times in: its own, else its browser's
        (Odoo's ``tz`` cookie), else UTC."""
        Session = self.env["session.booking"]
        if hasattr(Session, "_session_reader_tz"):
            return Session._session_reader_tz(partner)
        cookie = request.httprequest.cookies.get("tz") if request else None
        for name in (partner.tz, cookie):
            if name in pytz.all_timezones_set:
                return name
        return "UTC"
