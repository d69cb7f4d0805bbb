from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

# PostgreSQL's integer: larger ids cannot exist (and would fail the query)
MAX_ID = 2**31 - 1


class ResPartner(models.Model):
    _inherit = "res.partner"

    client_expert_ids = fields.Many2many(
        "res.users",
        "res_partner_client_expert_rel",
        "partner_id",
        "user_id",
        string="Experts of the Client",
        copy=False,
        readonly=True,
        groups="expert_base.group_platform_manager",
        help="The experts this client (its commercial entity, on each of its contacts) bought from, "
        "booked, asked or was assigned to. They (and only they, among restricted experts) read it.",
    )

    is_expert_client = fields.Boolean(
        compute="_compute_is_expert_client",
        search="_search_is_expert_client",
        help="A client of the current user (one of its experts): the expert rule on partners reads it.",
    )

    @api.depends_context("uid")
    @api.depends("client_expert_ids")
    def _compute_is_expert_client(self):
        for partner in self:
            partner.is_expert_client = self.env.user in partner.sudo().client_expert_ids

    def _search_is_expert_client(self, operator, value):
        """An ``id IN (subquery)`` on the link table: PostgreSQL plans it as
        one hashed lookup; the ORM's ``EXISTS`` for a many2many, ORed in the
        rule, is costed per row and sends the Contacts list through JIT
        compilation (seconds at 40,000 partners)."""
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(
                _("Unsupported search on expert clients: %(operator)s %(value)s", operator=operator, value=value)
            )
        clients = SQL("(SELECT partner_id FROM res_partner_client_expert_rel WHERE user_id = %s)", self.env.uid)
        return [("id", "in" if (operator == "=") == value else "not in", clients)]

    def _ownership_domain(self, path="partner_id.commercial_partner_id"):
        """Domain of the records owned by this partner's commercial entity.

        ``path`` leads from the searched model to a commercial partner
        (``commercial_partner_id`` where the model stores it). A client owns
        the records of its commercial partner: its company and every contact
        of it, as Odoo's portal rules say (``child_of``).
        """
        commercial = self.commercial_partner_id
        commercial.ensure_one()
        return [(path, "=", commercial.id)]

    @api.model
    def _ownership_partners_query(self, user=None):
        """The contacts of a commercial entity as a query object, for a
        domain on a partner field: ``[("partner_id", "in", query)]``.

        The commercial entity is this partner's, or, with ``user``, the one
        of the partner(s) of that user, found inside the query (nothing read
        first). The query is the partners' own, archived contacts included and
        the partners' record rules left out: the searched model's rules decide
        what the caller sees, where :meth:`_ownership_domain`'s path through
        ``partner_id.commercial_partner_id`` would also apply the rules of the
        models on the path (a query each).
        """
        partners = self.sudo().with_context(active_test=False)
        if user is not None:
            caller = partners._search([("user_ids", "=", user.id)])
            commercial = caller.subselect(SQL.identifier("res_partner", "commercial_partner_id"))
            return partners._search([("commercial_partner_id", "in", commercial)])
        self.ensure_one()
        return partners._search([("commercial_partner_id", "=", self.commercial_partner_id.id)])

    # ------------------------------------------------------------------
    # Whose client a partner is (read by the expert rule on res.partner)
    # ------------------------------------------------------------------

    def _link_client_experts(self, users):
        """Make these partners' commercial entities, with every contact of
        them, clients of ``users`` who are experts.

        Called by the events that make someone a client of an expert: an
        order of its product, a session, a question or an assignment. Rows
        are only added, with ``ON CONFLICT DO NOTHING``: no partner row is
        written or locked, so two bookings of one client never wait on each
        other, and it is idempotent. Every contact gets its own rows (not
        only the commercial partner) so that the rule on partners is one
        indexed lookup, not a search of the commercial partners.
        """
        experts = users.filtered(lambda user: user.active and not user.share and user._is_expert())
        commercial = self.commercial_partner_id
        if not experts or not commercial:
            return
        self.flush_model(["commercial_partner_id"])
        self.env.cr.execute(
            """
            INSERT INTO res_partner_client_expert_rel (partner_id, user_id)
            SELECT partner.id, expert.id
              FROM res_partner partner, unnest(%s) AS expert(id)
             WHERE partner.commercial_partner_id = ANY(%s)
            ON CONFLICT DO NOTHING
            """,
            [experts.ids, commercial.ids],
        )
        self.invalidate_model(["client_expert_ids"])

    def _inherit_client_experts(self):
        """A new contact of a client (or one moved to it) is a client of the
        same experts."""
        self.flush_model(["commercial_partner_id"])
        self.env.cr.execute(
            """
            INSERT INTO res_partner_client_expert_rel (partner_id, user_id)
            SELECT partner.id, link.user_id
              FROM res_partner partner
              JOIN res_partner_client_expert_rel link ON link.partner_id = partner.commercial_partner_id
             WHERE partner.id = ANY(%s) AND partner.commercial_partner_id != partner.id
            ON CONFLICT DO NOTHING
            """,
            [self.ids],
        )
        self.invalidate_model(["client_expert_ids"])

    @api.model_create_multi
    def create(self, vals_list):
        partners = super().create(vals_list)
        partners.filtered("parent_id")._inherit_client_experts()
        return partners

    def write(self, vals):
        res = super().write(vals)
        if "parent_id" in vals or "is_company" in vals:
            self._inherit_client_experts()
        return res

    @api.model
    def _check_expert_may_use(self, partner_ids):
        """A restricted expert references only partners it may read.

        Naming a partner on a record (an order's customer, a meeting's
        attendee, a contact's company) would otherwise show its name and
        address through the record, or make it the expert's client.
        """
        user = self.env.user
        if self.env.su or not partner_ids or not user.is_restricted_expert:
            return
        wanted = set(partner_ids)
        valid = {pid for pid in wanted if 0 < pid <= MAX_ID}
        readable = set(self.with_context(active_test=False)._search([("id", "in", list(valid))])) if valid else set()
        if wanted - readable:
            raise AccessError(
                _(
                    "You can only choose contacts you can see: your clients, your colleagues and the "
                    "contacts you created."
                )
            )
