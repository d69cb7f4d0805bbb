from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError


class CrmLead(models.Model):
    _name = "crm.lead"
    _inherit = ["crm.lead", "expert.client.mixin"]

    _expert_client_fields = ("partner_id", "user_id", "expert_id")

    expert_id = fields.Many2one(
        "res.users",
        string="Expert",
        index="btree_not_null",
        tracking=True,
        domain=lambda self: self.env["res.users"]._expert_domain(),
        help="The expert the client asked: the lead is theirs.",
    )
    expert_product_id = fields.Many2one(
        "product.template",
        string="Asked About",
        index="btree_not_null",
        help="The product page the question was asked from.",
    )
    is_website_question = fields.Boolean(
        string="Website Question",
        readonly=True,
        copy=False,
        help="Asked with the website's question form.",
    )
    session_booking_count = fields.Integer(
        compute="_compute_session_booking_count", string="Sessions", groups="expert_base.group_expert"
    )

    @api.depends("order_ids.session_booking_ids")
    def _compute_session_booking_count(self):
        counts = dict(
            self.env["session.booking"]._read_group(
                [("sale_order_id.opportunity_id", "in", self.ids)], ["sale_order_id"], ["__count"]
            )
        )
        for lead in self:
            lead.session_booking_count = sum(counts.get(order, 0) for order in lead.order_ids)

    # ------------------------------------------------------------------
    # Website question form
    # ------------------------------------------------------------------

    @api.model
    def _website_question_experts(self):
        """Experts a visitor may ask: those selling a published product."""
        groups = (
            self.env["product.template"]
            .sudo()
            ._read_group(
                [("expert_id", "!=", False), ("is_published", "=", True), ("sale_ok", "=", True)],
                ["expert_id"],
            )
        )
        return self.env["res.users"].sudo().browse([expert.id for (expert,) in groups]).sorted("name")

    @api.model
    def _website_question_product(self, product_id):
        """The published expert product a question is about, or nothing."""
        product = self.env["product.template"].sudo().browse(product_id).exists()
        if product and product.is_published and product.sale_ok and product.expert_id:
            return product
        return self.env["product.template"]

    def website_form_input_filter(self, request, values):
        """Questions go to the expert concerned: the one chosen on the form,
        else the expert of the product page they were asked from; without
        one, website_crm's default team and salesperson of the website.

        A bad id raises the website form's own error (the list of the fields
        in error, highlighted on the form): nothing is created.
        """
        if not hasattr(request, "website") or not isinstance(values, dict):
            # a public method: over RPC there is no website request to read
            raise UserError(_("Questions are asked with the website's question form."))
        expert = self.env["res.users"]
        if values.get("expert_product_id"):
            product = self._website_question_product(values["expert_product_id"])
            if not product:
                raise ValidationError(["expert_product_id"])
            values["expert_product_id"] = product.id
            expert = product.expert_id
        if values.get("expert_id"):
            chosen = self._website_question_experts().filtered(lambda user: user.id == values["expert_id"])
            if not chosen:
                raise ValidationError(["expert_id"])
            expert = chosen
        if expert:
            values["expert_id"] = expert.id
            values["user_id"] = expert.id
            values["team_id"] = expert.sudo().sale_team_id.id or values.get("team_id")
        values["is_website_question"] = True
        return super().website_form_input_filter(request, values)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("expert_id") and not vals.get("user_id"):
                vals["user_id"] = vals["expert_id"]
        leads = super().create(vals_list)
        leads.filtered("is_website_question")._schedule_question_follow_up()
        return leads

    def _link_client_experts(self):
        """Whoever asked an expert, or was assigned to one, is its client."""
        for lead in self.sudo().filtered("partner_id"):
            lead.partner_id._link_client_experts(lead.expert_id | lead.user_id.filtered("is_restricted_expert"))

    def _compute_phone(self):
        # The phone a visitor typed in its question is how it wants to be
        # called back: Odoo would replace it with its contact's phone when
        # the lead gets its contact (on conversion, or when the client buys).
        typed = self.filtered(lambda lead: lead.is_website_question and lead.phone)
        return super(CrmLead, self - typed)._compute_phone()

    def _schedule_question_follow_up(self):
        """A follow-up for the assignee (else the team leader), due their
        next working day."""
        for lead in self:
            user = lead.user_id or lead.team_id.user_id
            if not user:
                continue
            lead.activity_schedule(
                "crm_client_journey.mail_activity_type_question",
                date_deadline=user._crm_next_working_day(),
                summary=_("Answer the question of %s", lead.contact_name or lead.email_from or lead.name),
                user_id=user.id,
            )

    # ------------------------------------------------------------------
    # Won on purchase
    # ------------------------------------------------------------------

    @api.model
    def _client_open_leads_domain(self, partner, experts):
        """Open leads of a client (same commercial partner or same email)
        about one of ``experts`` or about no expert in particular."""
        contact = [("partner_id", "child_of", partner.commercial_partner_id.id)]
        if partner.email_normalized:
            contact = ["|", *contact, ("email_normalized", "=", partner.email_normalized)]
        return [
            *contact,
            ("probability", "<", 100),
            ("stage_id.is_won", "=", False),
            "|",
            ("expert_id", "=", False),
            ("expert_id", "in", experts.ids),
        ]

    def _win_with_order(self, order):
        """Mark the lead won (converted to an opportunity of the client)
        and link it to the order that was bought."""
        self.ensure_one()
        partner = order.partner_id
        if self.type == "lead":
            self.convert_opportunity(partner, user_ids=self.user_id.ids, team_id=self.team_id.id)
        elif not self.partner_id:
            self.partner_id = partner
        if not order.opportunity_id:
            order.opportunity_id = self
        # the revenue the lead brought: what the client bought (untaxed, in
        # the company's currency, as Odoo's expected revenue)
        self.expected_revenue = order.currency_id._convert(
            order.amount_untaxed, self.company_currency, order.company_id, order.date_order.date()
        )
        self.action_set_won()
        self.message_post(
            body=_("Won: %(client)s bought %(order)s.", client=partner.display_name, order=order.name),
            subtype_xmlid="mail.mt_note",
        )

    def action_view_session_bookings(self):
        self.ensure_one()
        return self._expert_window_action(
            "session_booking.session_booking_action",
            [("sale_order_id", "in", self.order_ids.ids)],
            {"search_default_upcoming": 0},
        )
