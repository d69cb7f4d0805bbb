import re

from odoo import _, api, fields, models
from odoo.exceptions import MissingError, UserError, ValidationError
from odoo.tools import html2plaintext, plaintext2html

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class ClientCenter(models.Model):
    """A portal client center: one URL (``/client-center/<slug>``) with the
    panels a client uses (home and chat, due payments, orders, invoices,
    sessions). Several centers can exist, for departments or brands."""

    _name = "client.center"
    _description = "Client Center"
    _order = "sequence, id"

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
    show_chat = fields.Boolean(string="Chat with Support", default=True)
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
    column_ids = fields.One2many("client.center.column", "center_id", string="Columns", copy=True)
    support_user_ids = fields.Many2many(
        "res.users",
        string="Support Team",
        domain=[("share", "=", False)],
        help="Internal users who receive the clients' chat messages and answer them in Discuss.",
    )

    chat_channel_count = fields.Integer(string="Conversations", compute="_compute_chat_channel_count")

    _sql_constraints = [
        ("slug_unique", "unique(slug)", "Another client center already uses this URL slug."),
    ]

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
    # Panels and home counters: extended by other modules with super()
    # ------------------------------------------------------------------

    def _get_panels(self):
        """The panels shown on this center, ordered by ``sequence``.

        Each panel is a dict ``{"key", "name", "url", "icon", "sequence"}``
        (``icon`` is a Font Awesome class). Modules adding a panel extend
        this method and append theirs.
        """
        self.ensure_one()
        base = self.website_url
        panels = [
            {"key": "home", "name": _("Home"), "url": base, "icon": "fa-home", "sequence": 0},
        ]
        if self.show_payments:
            panels.append(
                {
                    "key": "payments",
                    "name": _("Due Payments"),
                    "url": f"{base}/payments",
                    "icon": "fa-credit-card",
                    "sequence": 10,
                }
            )
        if self.show_orders:
            panels.append(
                {
                    "key": "orders",
                    "name": _("Orders"),
                    "url": f"{base}/orders",
                    "icon": "fa-shopping-cart",
                    "sequence": 20,
                }
            )
        if self.allow_sale_order_creation:
            panels.append(
                {
                    "key": "new_order",
                    "name": _("New Order"),
                    "url": f"{base}/orders/new",
                    "icon": "fa-plus-square",
                    "sequence": 25,
                }
            )
        if self.show_invoices:
            panels.append(
                {
                    "key": "invoices",
                    "name": _("Invoices"),
                    "url": f"{base}/invoices",
                    "icon": "fa-file-text-o",
                    "sequence": 30,
                }
            )
        if self.show_sessions:
            panels.append(
                {
                    "key": "sessions",
                    "name": _("Sessions"),
                    "url": f"{base}/sessions",
                    "icon": "fa-video-camera",
                    "sequence": 40,
                }
            )
        return panels

    def _get_sorted_panels(self):
        return sorted(self._get_panels(), key=lambda panel: panel["sequence"])

    def _has_panel(self, key):
        return any(panel["key"] == key for panel in self._get_panels())

    def _get_home_counters(self, partner):
        """Live counters of the home shortcuts for ``partner`` (its
        commercial partner's records): ``{key: {"name", "value", "url"}}``.

        A monetary counter also has ``currency`` (a ``res.currency``).
        Runs a constant number of queries (one aggregate per counter);
        modules adding a counter extend this method.
        """
        self.ensure_one()
        commercial = partner.commercial_partner_id
        base = self.website_url
        counters = {}
        if self.show_payments:
            company = self.company_id or self.env.company
            groups = (
                self.env["account.move"]
                .sudo()
                ._read_group(
                    self._due_invoice_domain(commercial),
                    aggregates=["amount_residual_signed:sum"],
                )
            )
            counters["payments"] = {
                "name": _("Due"),
                "value": groups[0][0] if groups else 0.0,
                "url": f"{base}/payments",
                "currency": company.currency_id,
            }
        if self.show_orders:
            counters["orders"] = {
                "name": _("Open Orders"),
                "value": self.env["sale.order"].sudo().search_count(self._open_order_domain(commercial)),
                "url": f"{base}/orders",
            }
        if self.show_sessions:
            counters["sessions"] = {
                "name": _("Upcoming Sessions"),
                "value": self.env["session.booking"]
                .sudo()
                .search_count([("commercial_partner_id", "=", commercial.id), ("is_upcoming", "=", True)]),
                "url": f"{base}/sessions",
            }
        return counters

    # ------------------------------------------------------------------
    # Domains of the panels (always the commercial partner's records)
    # ------------------------------------------------------------------

    @api.model
    def _invoice_domain(self, commercial_partner):
        return [
            ("commercial_partner_id", "=", commercial_partner.id),
            ("move_type", "in", ("out_invoice", "out_refund")),
            ("state", "=", "posted"),
        ]

    @api.model
    def _due_invoice_domain(self, commercial_partner):
        return self._invoice_domain(commercial_partner) + [
            ("move_type", "=", "out_invoice"),
            ("payment_state", "in", ("not_paid", "partial")),
        ]

    @api.model
    def _order_domain(self, commercial_partner):
        # draft quotations are still being prepared by the seller
        return [
            ("partner_id.commercial_partner_id", "=", commercial_partner.id),
            ("state", "in", ("sent", "sale", "cancel")),
        ]

    @api.model
    def _open_order_domain(self, commercial_partner):
        return [
            ("partner_id.commercial_partner_id", "=", commercial_partner.id),
            "|",
            ("state", "=", "sent"),
            "&",
            ("state", "=", "sale"),
            ("booking_status", "in", ("to_book", "partially_booked", "fully_booked")),
        ]

    # ------------------------------------------------------------------
    # Columns chosen per user
    # ------------------------------------------------------------------

    def _get_panel_columns(self, panel):
        """All optional columns the center offers on ``panel``."""
        self.ensure_one()
        return self.column_ids.filtered(lambda column: column.panel == panel).sorted("sequence")

    def _get_shown_columns(self, panel, user):
        """The optional columns ``user`` sees on ``panel``: its own choice,
        else the columns shown by default."""
        self.ensure_one()
        choice = (
            self.env["client.center.column.choice"]
            .sudo()
            .search([("user_id", "=", user.id), ("center_id", "=", self.id), ("panel", "=", panel)], limit=1)
        )
        offered = self._get_panel_columns(panel)
        if choice:
            return offered & choice.column_ids
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
        choice = Choice.search([("user_id", "=", user.id), ("center_id", "=", self.id), ("panel", "=", panel)], limit=1)
        values = {"column_ids": [fields.Command.set(list(column_ids))]}
        if choice:
            choice.write(values)
        else:
            choice = Choice.create({"user_id": user.id, "center_id": self.id, "panel": panel, **values})
        return choice

    # ------------------------------------------------------------------
    # The client's records: foreign or unknown ids are missing
    # ------------------------------------------------------------------

    @api.model
    def _browse_own(self, model_name, ids, domain):
        """The records ``ids`` of ``model_name`` that match ``domain`` (the
        client's own), in sudo; raise ``MissingError`` when one does not."""
        ids = set(ids)
        records = self.env[model_name].sudo().search([("id", "in", list(ids))] + domain) if ids else None
        if not ids or len(records) != len(ids):
            raise MissingError(_("This document does not exist or is not yours."))
        return records

    # ------------------------------------------------------------------
    # Due payments
    # ------------------------------------------------------------------

    def _get_invoices_to_pay(self, commercial_partner, invoice_ids=None):
        """The due invoices to pay in one transaction: all of them
        (``invoice_ids`` None) or the chosen ones, which must all be due
        invoices of ``commercial_partner`` in a single currency."""
        self.ensure_one()
        domain = self._due_invoice_domain(commercial_partner)
        if invoice_ids is None:
            invoices = self.env["account.move"].sudo().search(domain, order="invoice_date_due, id")
            if not invoices:
                raise UserError(_("Nothing is due: there is nothing to pay."))
        else:
            # foreign ids are missing (404); own but paid ones are refused
            self._browse_own("account.move", invoice_ids, self._invoice_domain(commercial_partner))
            invoices = (
                self.env["account.move"]
                .sudo()
                .search([("id", "in", list(invoice_ids))] + domain, order="invoice_date_due, id")
            )
            if len(invoices) != len(set(invoice_ids)):
                raise UserError(_("Some of the chosen invoices are already paid; choose the ones still due."))
        if len(invoices.currency_id) > 1:
            raise UserError(_("The chosen invoices are in different currencies: pay them one currency at a time."))
        return invoices

    def _get_statement_values(self, commercial_partner, today=None):
        """Open and overdue invoices of ``commercial_partner`` with their
        aging, for the statement report."""
        self.ensure_one()
        today = today or fields.Date.context_today(self)
        invoices = (
            self.env["account.move"]
            .sudo()
            .search(self._due_invoice_domain(commercial_partner), order="invoice_date_due, id")
        )
        buckets = [
            ("current", _("Not yet due"), None, 0),
            ("1_30", _("1-30 days"), 1, 30),
            ("31_60", _("31-60 days"), 31, 60),
            ("61_90", _("61-90 days"), 61, 90),
            ("90_plus", _("Over 90 days"), 91, None),
        ]
        totals = dict.fromkeys((key for key, *_rest in buckets), 0.0)
        lines = []
        for invoice in invoices:
            days = invoice._client_center_days_overdue(today)
            key = next(
                key
                for key, _label, low, high in buckets
                if (low is None or days >= low) and (high is None or days <= high)
            )
            totals[key] += invoice.amount_residual_signed
            lines.append({"invoice": invoice, "days_overdue": days, "bucket": key})
        company = self.company_id or self.env.company
        return {
            "center": self,
            "partner": commercial_partner,
            "today": today,
            "lines": lines,
            "buckets": [(key, label) for key, label, *_rest in buckets],
            "totals": totals,
            "total": sum(totals.values()),
            "currency": company.currency_id,
            "company": company,
        }

    # ------------------------------------------------------------------
    # Chat with support: one Discuss conversation per client and center
    # ------------------------------------------------------------------

    def _get_chat_channel(self, partner, create=False):
        """The conversation of ``partner`` on this center (sudo), created
        with the support team as members when ``create``."""
        self.ensure_one()
        Channel = self.env["discuss.channel"].sudo()
        channel = Channel.search(
            [("client_center_id", "=", self.id), ("client_center_partner_id", "=", partner.id)], limit=1
        )
        if channel or not create:
            return channel
        # Two first messages racing (a double click) would both create a
        # conversation: touching the center's row makes the second one fail
        # with a serialization error, and Odoo retries its request, which
        # then finds the conversation (the unique constraint backs it).
        self.env.cr.execute("UPDATE client_center SET write_date = write_date WHERE id = %s", [self.id])
        members = partner | self.support_user_ids.partner_id
        return Channel.create(
            {
                "name": _("%(center)s: %(client)s", center=self.name, client=partner.display_name),
                "channel_type": "group",
                "client_center_id": self.id,
                "client_center_partner_id": partner.id,
                "channel_member_ids": [fields.Command.create({"partner_id": member.id}) for member in members],
            }
        )

    def _sync_chat_members(self):
        """New support team members join the existing conversations."""
        for center in self:
            channels = self.env["discuss.channel"].sudo().search([("client_center_id", "=", center.id)])
            for channel in channels:
                missing = center.support_user_ids.partner_id - channel.channel_member_ids.partner_id
                if missing:
                    channel.add_members(partner_ids=missing.ids, post_joined_message=False)

    def _chat_post(self, partner, body):
        """Post the client's message ``body`` (plain text) in its
        conversation; return the message."""
        self.ensure_one()
        if not self.show_chat:
            raise UserError(_("The chat is not available on this client center."))
        text = (body or "").strip()
        if not text:
            raise UserError(_("Write a message before sending it."))
        if len(text) > 4000:
            raise UserError(_("The message is too long: write at most 4000 characters."))
        channel = self._get_chat_channel(partner, create=True)
        return channel.message_post(
            body=plaintext2html(text),
            author_id=partner.id,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )

    def _chat_messages(self, partner, limit=50):
        """The last ``limit`` messages of ``partner``'s conversation, oldest
        first, as dicts for the portal."""
        self.ensure_one()
        channel = self._get_chat_channel(partner)
        if not channel:
            return []
        messages = (
            self.env["mail.message"]
            .sudo()
            .search(
                [("model", "=", "discuss.channel"), ("res_id", "=", channel.id), ("message_type", "=", "comment")],
                order="id desc",
                limit=limit,
            )
        )
        return [self._chat_format_message(message, partner) for message in reversed(messages)]

    @api.model
    def _chat_format_message(self, message, partner):
        return {
            "id": message.id,
            "author": message.author_id.name or "",
            "is_mine": message.author_id == partner,
            "body": html2plaintext(message.body or ""),
            "date": message.date,
        }

    # ------------------------------------------------------------------
    # Quotations created by the client
    # ------------------------------------------------------------------

    def _create_client_quotation(self, partner, quantities):
        """A quotation for ``partner`` of the allowed products, from
        ``{product_id: quantity}``; marked as sent so the client confirms
        and pays it in the standard portal."""
        self.ensure_one()
        if not self.allow_sale_order_creation:
            raise UserError(_("This client center does not take orders."))
        lines = []
        for product_id, quantity in quantities.items():
            if quantity <= 0:
                continue
            if product_id not in self.product_ids.ids:
                raise UserError(_("This product cannot be ordered here."))
            if quantity > 1000:
                raise UserError(_("Order at most 1000 units of a product."))
            lines.append(fields.Command.create({"product_id": product_id, "product_uom_qty": quantity}))
        if not lines:
            raise UserError(_("Choose at least one product and a quantity."))
        company = self.company_id or self.env.company
        order = (
            self.env["sale.order"]
            .sudo()
            .create(
                {
                    "partner_id": partner.id,
                    "company_id": company.id,
                    "order_line": lines,
                    "require_payment": True,
                    "require_signature": False,
                }
            )
        )
        order.action_quotation_sent()
        order.message_post(body=_("Created by the client from the client center %(center)s.", center=self.name))
        return order
