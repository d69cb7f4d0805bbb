import re

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

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

    _sql_constraints = [
        ("slug_unique", "unique(slug)", "Another client center already uses this URL slug."),
    ]

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
        choice = self.env["client.center.column.choice"].sudo().search(
            [("user_id", "=", user.id), ("center_id", "=", self.id), ("panel", "=", panel)], limit=1
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
        choice = Choice.search(
            [("user_id", "=", user.id), ("center_id", "=", self.id), ("panel", "=", panel)], limit=1
        )
        values = {"column_ids": [fields.Command.set(list(column_ids))]}
        if choice:
            choice.write(values)
        else:
            choice = Choice.create({"user_id": user.id, "center_id": self.id, "panel": panel, **values})
        return choice
