from odoo import api, models

from ..tools import has_nul, parse_id

# Discuss's search for an expert: partners read (with its record rules)
# before keeping its own clients
CHAT_SEARCH_CANDIDATES = 100


class ResPartner(models.Model):
    _inherit = "res.partner"

    # ------------------------------------------------------------------
    # A client's experts
    # ------------------------------------------------------------------

    def _get_client_experts_by_commercial(self):
        """THE rule of who a client's experts are: the experts of what its
        commercial entity was offered (quotations sent) or bought
        (confirmed orders), i.e. the expert the session package was sold
        with, else the product's expert.

        One query whatever the number of orders (the client center's home
        reads it on every visit).

        :return: ``{commercial partner id: res.users}`` for the commercial
            entities of these partners (those without expert are missing)
        """
        commercial = self.commercial_partner_id
        if not commercial:
            return {}
        for model_name, field_names in (
            ("sale.order.line", ["order_id", "product_id", "session_expert_id", "display_type"]),
            ("sale.order", ["partner_id", "state"]),
            ("res.partner", ["commercial_partner_id"]),
            ("product.product", ["product_tmpl_id"]),
            ("product.template", ["expert_id"]),
        ):
            self.env[model_name].flush_model(field_names)
        self.env.cr.execute(
            """
            SELECT DISTINCT partner.commercial_partner_id, COALESCE(line.session_expert_id, template.expert_id)
              FROM sale_order_line line
              JOIN sale_order sale ON sale.id = line.order_id
              JOIN res_partner partner ON partner.id = sale.partner_id
              JOIN product_product product ON product.id = line.product_id
              JOIN product_template template ON template.id = product.product_tmpl_id
             WHERE partner.commercial_partner_id = ANY(%s)
               AND sale.state IN ('sent', 'sale')
               AND line.display_type IS NULL
               AND COALESCE(line.session_expert_id, template.expert_id) IS NOT NULL
            """,
            [commercial.ids],
        )
        rows = self.env.cr.fetchall()
        by_commercial = {}
        for commercial_id, user_id in rows:
            by_commercial.setdefault(commercial_id, []).append(user_id)
        # one prefetch set: the experts' names are read together
        prefetch = list({user_id for _commercial, user_id in rows})
        Users = self.env["res.users"]
        return {
            commercial_id: Users.browse(user_ids).with_prefetch(prefetch)
            for commercial_id, user_ids in by_commercial.items()
        }

    def _get_client_experts(self):
        """The experts of this client (see ``_get_client_experts_by_commercial``)."""
        self.ensure_one()
        return self._get_client_experts_by_commercial().get(self.commercial_partner_id.id, self.env["res.users"])

    # ------------------------------------------------------------------
    # Conversations with a client
    # ------------------------------------------------------------------

    def action_client_center_chat(self):
        """Open the conversation with this client in Discuss (an expert:
        with its own clients only); the client reads it in the client center
        and by email."""
        self.ensure_one()
        channel_sudo = self.env["discuss.channel"]._client_center_staff_conversation(self)
        return channel_sudo._client_center_open_action()

    @api.model
    def _search_chat_clients(self, name, limit, excluded_ids=None):
        """The clients (portal users) named ``name`` the current internal
        user may start a conversation with: those its record rules let it
        read, and for an expert only its own clients."""
        user = self.env.user
        if not user._is_internal() or not isinstance(name, str) or has_nul(name) or not name.strip():
            return self.browse()
        domain = [("name", "ilike", name), ("partner_share", "=", True), ("user_ids.share", "=", True)]
        if excluded_ids:
            domain.append(("id", "not in", list(excluded_ids)))
        restricted = user._is_restricted_expert()
        # with the user's rights: an expert finds the contacts it may read
        partners = self.search(domain, order="name, id", limit=CHAT_SEARCH_CANDIDATES if restricted else limit)
        if restricted:
            experts = partners._get_client_experts_by_commercial()
            partners = partners.filtered(lambda p: user in experts.get(p.commercial_partner_id.id, user.browse()))
        return partners[:limit]

    @api.model
    def im_search(self, name, limit=20, excluded_ids=None):
        # Discuss's "Start a conversation" also finds the user's clients.
        # Malformed arguments (they come over RPC) find nobody.
        if (
            not isinstance(name, str)
            or has_nul(name)
            or not isinstance(limit, int)
            or isinstance(limit, bool)
            or limit <= 0
            or not isinstance(excluded_ids, list | tuple | None)
        ):
            return []
        excluded_ids = [pid for pid in excluded_ids or [] if parse_id(pid) == pid]
        results = super().im_search(name, limit=limit, excluded_ids=excluded_ids)
        clients = self._search_chat_clients(name, min(limit, CHAT_SEARCH_CANDIDATES), excluded_ids)
        return results + list(clients.mail_partner_format().values())
