from odoo import _, api, fields, models
from odoo.exceptions import AccessError

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
        help="On the commercial partner: the experts this client bought from, booked, asked or was "
        "assigned to. They (and only they, among restricted experts) read the client and its contacts.",
    )

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

    # ------------------------------------------------------------------
    # Whose client a partner is (read by the expert rule on res.partner)
    # ------------------------------------------------------------------

    def _link_client_experts(self, users):
        """Make these partners (their commercial entities, hence every
        contact of them) clients of ``users`` who are experts.

        Called by the events that make someone a client of an expert: an
        order of its product, a session, a question or an assignment. Rows
        are only added, with ``ON CONFLICT DO NOTHING``: no partner row is
        written or locked, so two bookings of one client never wait on each
        other, and it is idempotent.
        """
        experts = users.filtered(lambda user: user.active and not user.share and user._is_expert())
        commercial = self.commercial_partner_id
        if not experts or not commercial:
            return
        self.env.cr.execute(
            """
            INSERT INTO res_partner_client_expert_rel (partner_id, user_id)
            SELECT partner.id, expert.id
              FROM unnest(%s) AS partner(id), unnest(%s) AS expert(id)
            ON CONFLICT DO NOTHING
            """,
            [commercial.ids, experts.ids],
        )
        self.invalidate_model(["client_expert_ids"])

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
