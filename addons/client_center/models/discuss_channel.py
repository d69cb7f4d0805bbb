from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import plaintext2html

from ..tools import has_nul, parse_id

CHAT_MESSAGE_MAX_LENGTH = 4000
# What a client reads of its conversation: the messages written by people,
# in the client center or by email (not the notifications of Discuss).
CHAT_MESSAGE_TYPES = ("comment", "email")


class DiscussChannel(models.Model):
    """Client center conversations.

    A client has, on each center, one conversation with the support team
    and one with each of its experts (the expert and the support team):
    Discuss group channels whose members are the client, the expert if any,
    and the center's support team. The client reads and writes in the
    client center (and receives the others' messages by email); the staff
    answers in Discuss, where an expert also starts one from its client's
    contact, order or session, or with "Start a conversation".
    """

    _inherit = "discuss.channel"

    client_center_id = fields.Many2one("client.center", ondelete="cascade", index="btree_not_null", readonly=True)
    client_center_partner_id = fields.Many2one(
        "res.partner",
        string="Client",
        ondelete="cascade",
        readonly=True,
        help="The client of this client center conversation.",
    )
    client_center_expert_id = fields.Many2one(
        "res.users",
        string="Expert",
        ondelete="restrict",
        readonly=True,
        help="The expert of this client center conversation; empty: the client and the support team only.",
    )

    _sql_constraints = [
        (
            "client_center_partner_unique",
            "unique(client_center_id, client_center_partner_id, client_center_expert_id)",
            "A client has one conversation per client center and expert.",
        ),
    ]

    def init(self):
        # the constraint above lets NULL experts repeat: one support
        # conversation per client and center
        self.env.cr.execute(
            """
            CREATE UNIQUE INDEX IF NOT EXISTS discuss_channel_client_center_support_uniq
                ON discuss_channel (client_center_id, client_center_partner_id)
             WHERE client_center_id IS NOT NULL AND client_center_expert_id IS NULL
            """
        )

    # ------------------------------------------------------------------
    # Finding and opening a conversation
    # ------------------------------------------------------------------

    @api.model
    def _client_center_conversation(self, center, partner, expert=None, create=False):
        """The conversation (in sudo) of client ``partner`` on ``center``
        with ``expert`` (a ``res.users``; none: with the support team
        only); created when ``create`` with the client, the expert and the
        center's support team as members."""
        center.ensure_one()
        expert = expert or self.env["res.users"]
        Channel = self.sudo()
        domain = [
            ("client_center_id", "=", center.id),
            ("client_center_partner_id", "=", partner.id),
            ("client_center_expert_id", "=", expert.id),
        ]
        channel_sudo = Channel.search(domain, limit=1)
        if channel_sudo or not create:
            return channel_sudo
        # Two first messages racing (a double click) would both create a
        # conversation: touching the center's row makes the second one fail
        # with a serialization error, and Odoo retries its request, which
        # then finds the conversation (the unique constraints back it).
        self.env.cr.execute("UPDATE client_center SET write_date = write_date WHERE id = %s", [center.id])
        members = partner | expert.partner_id | center.sudo().support_user_ids.partner_id
        if expert:
            name = _("%(center)s: %(client)s, %(expert)s", center=center.name, client=partner.name, expert=expert.name)
        else:
            name = _("%(center)s: %(client)s", center=center.name, client=partner.display_name)
        return Channel.create(
            {
                "name": name,
                "channel_type": "group",
                "client_center_id": center.id,
                "client_center_partner_id": partner.id,
                "client_center_expert_id": expert.id,
                "channel_member_ids": [fields.Command.create({"partner_id": member.id}) for member in members],
            }
        )

    @api.model
    def _client_center_staff_conversation(self, client):
        """The conversation the current internal user opens with ``client``
        on the default center (in sudo), the user being a member.

        With an expert of the client: their conversation (the support team
        reads it too); with another internal user (platform, support): the
        client's conversation with the support team, which the user joins.
        Portal users, experts who are not the client's, and contacts the
        user may not read are refused (``AccessError``).
        """
        user = self.env.user
        if not user._is_internal():
            raise AccessError(_("Only the platform's staff starts conversations with clients."))
        # the user's rights decide which contacts it finds (an expert reads its own clients)
        client = client.with_user(user).sudo(False)
        client.check_access_rights("read")
        client.check_access_rule("read")
        client = client.sudo()
        if not client.partner_share:
            raise UserError(_("%(name)s is not a client: write to them in Discuss directly.", name=client.name))
        if not client.email and not client.user_ids:
            raise UserError(
                _("%(name)s has neither a portal account nor an email address: nobody would read it.", name=client.name)
            )
        experts = client._get_client_experts()
        if user._is_restricted_expert():
            if user not in experts:
                raise AccessError(_("%(name)s is not one of your clients.", name=client.name))
            expert = user
        else:
            expert = user if user in experts else self.env["res.users"]
        center = self.env["client.center"]._get_default_center()
        channel_sudo = self._client_center_conversation(center, client, expert, create=True)
        if user.partner_id not in channel_sudo.channel_member_ids.partner_id:
            channel_sudo.add_members(partner_ids=user.partner_id.ids, post_joined_message=False)
        return channel_sudo

    def _client_center_open_action(self):
        """Open the conversation in Discuss."""
        self.ensure_one()
        return {
            "type": "ir.actions.client",
            "tag": "mail.action_discuss",
            "name": self.name,
            "context": {"active_id": self.id},
        }

    @api.model
    def _client_center_chat_client(self, partner_ids):
        """The client an internal user wants to chat with in Discuss's
        "Start a conversation" (``channel_get(partners_to)``), or None."""
        user = self.env.user
        others = set(partner_ids) - {user.partner_id.id}
        if user.share or len(others) != 1 or len(partner_ids) > 2:
            return None
        partner = self.env["res.partner"].sudo().browse(others.pop()).exists()
        if not partner or not partner.partner_share or not partner.user_ids.filtered("share"):
            return None
        return partner

    @api.model
    def channel_get(self, partners_to, pin=True):
        if not isinstance(partners_to, list) or any(parse_id(pid) != pid for pid in partners_to):
            raise UserError(_("Choose the people to chat with."))
        if self.env.user.share and not self.env.su:
            # clients write to their experts and support in the client center
            raise AccessError(_("Clients write to their expert and to support in the client center."))
        # Discuss's "Start a conversation" with a client opens the client
        # center conversation (the client reads it there and by email),
        # never a private chat the client would not see.
        client = self._client_center_chat_client(partners_to)
        if client:
            return self._client_center_staff_conversation(client).sudo(False)._channel_info()[0]
        return super().channel_get(partners_to, pin=pin)

    # ------------------------------------------------------------------
    # Messages
    # ------------------------------------------------------------------

    @api.model
    def _client_center_check_body(self, body):
        """The text of a client's message, or ``UserError``."""
        text = body.strip() if isinstance(body, str) else ""
        if not text:
            raise UserError(_("Write a message before sending it."))
        if len(text) > CHAT_MESSAGE_MAX_LENGTH:
            raise UserError(_("The message is too long: write at most 4000 characters."))
        if has_nul(text):
            raise UserError(_("The message holds characters that cannot be sent."))
        return text

    def _client_center_post(self, partner, body):
        """Post the client's message ``body`` (plain text) in this
        conversation; return the message. Bad input raises ``UserError``."""
        self.ensure_one()
        text = self._client_center_check_body(body)
        return self.sudo().message_post(
            body=plaintext2html(text),
            author_id=partner.id,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )

    def _client_center_messages(self, limit=50):
        """The last ``limit`` messages people wrote, oldest first."""
        self.ensure_one()
        messages_sudo = (
            self.env["mail.message"]
            .sudo()
            .search(
                [
                    ("model", "=", "discuss.channel"),
                    ("res_id", "=", self.id),
                    ("message_type", "in", CHAT_MESSAGE_TYPES),
                ],
                order="id desc",
                limit=limit,
            )
        )
        return messages_sudo[::-1]

    # ------------------------------------------------------------------
    # The client reads the others' messages by email
    # ------------------------------------------------------------------

    def _notify_get_recipients(self, message, msg_vals, **kwargs):
        recipients = super()._notify_get_recipients(message, msg_vals, **kwargs)
        client = self.client_center_partner_id
        if not client:
            return recipients
        author_id = (msg_vals or {}).get("author_id") or message.author_id.id
        if author_id == client.id:
            return recipients
        for recipient in recipients:
            # members are notified in Discuss; the client is not there
            if recipient["id"] == client.id and client.email:
                recipient.update(notif="email", type="customer")
        return recipients

    def _notify_get_recipients_groups(self, message, model_description, msg_vals=None):
        groups = super()._notify_get_recipients_groups(message, model_description, msg_vals=msg_vals)
        if not self.client_center_id:
            return groups
        center = self.client_center_id.sudo()
        base_url = (center.website_id or self).get_base_url()
        for group_name, _group_func, group_data in groups:
            if group_name == "customer":
                group_data["has_button_access"] = True
                group_data["button_access"] = {
                    "url": f"{base_url}{center.website_url}",
                    "title": _("Answer in the client center"),
                }
        return groups
