from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ProductTemplate(models.Model):
    _inherit = "product.template"

    is_session_package = fields.Boolean(
        string="Is a Session Package",
        help="Selling this product gives the client credits to book video " "sessions with its expert.",
    )
    session_count = fields.Integer(
        string="Number of Online Bookings",
        default=1,
        help="Sessions the client may book for each unit sold.",
    )
    session_duration = fields.Float(
        string="Duration",
        default=50 / 60,
        help="Length of one session, in hours.",
    )
    session_duration_display = fields.Char(string="Session Length", compute="_compute_session_duration_display")
    session_max_attendees = fields.Integer(
        string="Maximum Participants",
        default=lambda self: self._session_max_attendees_ceiling(),
        help="People in one video session, the expert included: the client and its guests. "
        "The platform's setting caps it (video quality degrades beyond 4 to 5).",
    )
    session_validity_days = fields.Integer(
        string="Validity (days)",
        help="Days after purchase during which sessions can take place; " "0 means the package never expires.",
    )
    session_notice_hours = fields.Float(
        string="Booking Notice (hours)",
        default=12.0,
        help="Minimum time between booking and the start of a session.",
    )
    session_buffer_minutes = fields.Integer(
        string="Buffer (minutes)",
        default=10,
        help="Free time kept before and after each session.",
    )
    session_booking_horizon_days = fields.Integer(
        string="Booking Horizon (days)",
        default=lambda self: self.env.company.session_booking_horizon_days or 60,
        help="How far ahead a client may book a session: the booking page shows exactly these days.",
    )
    session_availability_id = fields.Many2one(
        "resource.calendar",
        string="Availability",
        help="Bookable hours of the expert, read in the expert's time zone. " "Empty: the company's working hours.",
    )
    session_sold_count = fields.Integer(
        string="Sold Packages",
        compute="_compute_session_sold_count",
        help="Confirmed order lines of this package: their terms are frozen.",
    )

    _sql_constraints = [
        (
            "session_count_positive",
            "CHECK(NOT is_session_package OR session_count > 0)",
            "A session package gives at least one booking.",
        ),
        (
            "session_duration_positive",
            "CHECK(NOT is_session_package OR session_duration > 0)",
            "A session lasts more than zero minutes.",
        ),
        (
            "session_validity_days_positive",
            "CHECK(session_validity_days >= 0)",
            "The validity cannot be negative.",
        ),
        (
            "session_booking_horizon_days_positive",
            "CHECK(NOT is_session_package OR session_booking_horizon_days > 0)",
            "Sessions can be booked at least one day ahead.",
        ),
        (
            "session_buffer_minutes_positive",
            "CHECK(session_buffer_minutes >= 0 AND session_notice_hours >= 0)",
            "Notice and buffer cannot be negative.",
        ),
    ]

    @api.constrains("session_max_attendees", "is_session_package")
    def _check_session_max_attendees(self):
        ceiling = self._session_max_attendees_ceiling()
        for template in self.filtered("is_session_package"):
            if not 2 <= template.session_max_attendees <= ceiling:
                raise ValidationError(
                    _(
                        "A session has between 2 and %(ceiling)s participants, the expert included "
                        "(the platform's cap), not %(count)s.",
                        ceiling=ceiling,
                        count=template.session_max_attendees,
                    )
                )

    @api.depends("session_duration")
    def _compute_session_duration_display(self):
        for template in self:
            template.session_duration_display = self.env["session.booking"]._session_format_duration(
                template.session_duration
            )

    @api.model
    def _session_max_attendees_ceiling(self):
        return int(self.env["ir.config_parameter"].sudo().get_param("session_booking.max_attendees_ceiling", 5))

    def _compute_session_sold_count(self):
        counts = dict(
            self.env["sale.order.line"]
            .sudo()
            ._read_group(
                [
                    ("product_id.product_tmpl_id", "in", self.ids),
                    ("is_session_package", "=", True),
                    ("state", "=", "sale"),
                ],
                ["product_id"],
                ["__count"],
            )
        )
        for template in self:
            template.session_sold_count = sum(
                count for product, count in counts.items() if product.product_tmpl_id == template
            )

    @api.onchange("is_session_package")
    def _onchange_is_session_package(self):
        if self.is_session_package:
            self.detailed_type = "service"
            self.invoice_policy = "order"

    # ------------------------------------------------------------------
    # Website shop
    # ------------------------------------------------------------------

    @api.model
    def _search_get_detail(self, website, order, options):
        """The shop's expert filter (``options['expert_id']``, set by the
        shop controller from ``/shop?expert=<id>``)."""
        detail = super()._search_get_detail(website, order, options)
        if options.get("expert_id"):
            detail["base_domain"].append([("expert_id", "=", options["expert_id"])])
        return detail

    @api.model
    def _website_shop_experts(self, website):
        """The experts whose offers ``website``'s shop lists, by name, as
        superuser: visitors may not read users, the pages show the experts'
        public card (name, job, photo) only."""
        groups = self._read_group(website.sale_product_domain() + [("expert_id", "!=", False)], ["expert_id"])
        return self.env["res.users"].union(*(expert for (expert,) in groups)).sudo().sorted("name")

    def _website_session_package_values(self, website):
        """What the product page of ``website`` shows a visitor about the
        package's delivery: the expert's public card (name, job, photo),
        read as superuser since visitors may not read users. Modules add
        their terms (the cancellation policy, for instance)."""
        self.ensure_one()
        return {"expert_sudo": self.sudo().expert_id}
