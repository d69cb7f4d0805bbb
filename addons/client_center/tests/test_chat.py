from unittest.mock import patch

from odoo.exceptions import AccessError, UserError
from odoo.tools import mute_logger

from odoo.addons.base.tests.common import DISABLED_MAIL_CONTEXT

from .common import ClientCenterCommon

EMAIL = """Return-Path: <{email_from}>
To: {to}
From: {email_from}
Subject: {subject}
Message-ID: <{message_id}>
In-Reply-To: {parent}
References: {parent}
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: 8bit

{body}
"""


class TestClientChat(ClientCenterCommon):
    """Conversations between clients, their experts and support: the
    client center's chat and Discuss are one conversation."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the conversation notifies by email: notifications on
        cls.env = cls.env(context={k: v for k, v in cls.env.context.items() if k not in DISABLED_MAIL_CONTEXT})
        cls.center = cls.center.with_env(cls.env)
        # client A bought from expert A; client B from expert B
        cls.order_a = cls._create_order(cls.package)
        cls.order_b = cls._create_order(cls.package_b, partner=cls.other_partner)
        cls.client_partner.email = "client.a@example.com"
        cls.other_partner.email = "client.b@example.com"

    def _conversation(self, expert=None):
        return self.env["discuss.channel"]._client_center_conversation(self.center, self.client_partner, expert)

    # ------------------------------------------------------------------
    # THE rule of a client's experts
    # ------------------------------------------------------------------

    def test_client_experts(self):
        self.assertEqual(self.client_partner._get_client_experts(), self.expert_a)
        self.assertEqual(self.other_partner._get_client_experts(), self.expert_b)
        # a quotation sent counts, a draft does not
        draft = self._create_order(self.product_b, confirm=False)
        self.assertEqual(self.client_partner._get_client_experts(), self.expert_a)
        draft.action_quotation_sent()
        self.assertEqual(self.client_partner._get_client_experts(), self.expert_a | self.expert_b)
        # a colleague of the same company has the same experts
        company = self.env["res.partner"].create({"name": "ACME", "is_company": True})
        self.client_partner.parent_id = company
        colleague = self.env["res.partner"].create({"name": "Colleague", "parent_id": company.id})
        self.assertEqual(colleague._get_client_experts(), self.expert_a | self.expert_b)
        by_commercial = (colleague | self.other_partner)._get_client_experts_by_commercial()
        self.assertEqual(by_commercial[company.id], self.expert_a | self.expert_b)
        self.assertEqual(by_commercial[self.other_partner.id], self.expert_b)

    # ------------------------------------------------------------------
    # The client's side
    # ------------------------------------------------------------------

    def test_client_conversations(self):
        conversations = self.center._get_chat_conversations(self.client_partner)
        self.assertEqual([c["key"] for c in conversations], [self.expert_a.id, 0])
        self.assertFalse(any(c["channel"] for c in conversations))
        message = self.center._chat_post(self.client_partner, "Can we talk?", expert=self.expert_a)
        channel = self._conversation(self.expert_a)
        self.assertEqual(message.res_id, channel.id)
        self.assertEqual(
            channel.channel_member_ids.partner_id - self.env.user.partner_id,
            self.client_partner | self.expert_a.partner_id | self.support_user.partner_id,
        )
        self.assertEqual(channel.client_center_expert_id, self.expert_a)
        # the most recently active conversation comes first
        self.center._chat_post(self.client_partner, "A question for support")
        keys = [c["key"] for c in self.center._get_chat_conversations(self.client_partner)]
        self.assertEqual(keys, [0, self.expert_a.id])
        self.center._chat_post(self.client_partner, "Back to you", expert=self.expert_a)
        keys = [c["key"] for c in self.center._get_chat_conversations(self.client_partner)]
        self.assertEqual(keys, [self.expert_a.id, 0])
        # another client's expert is refused and nothing is created
        with self.assertRaises(UserError):
            self.center._chat_post(self.client_partner, "Hello?", expert=self.expert_b)
        self.assertFalse(self._conversation(self.expert_b))

    def test_bad_messages_write_nothing(self):
        for body in ("", "  ", "x" * 4001, "nul \x00 byte", None, ["a list"], 42):
            with self.subTest(body=body), self.assertRaises(UserError):
                self.center._chat_post(self.client_partner, body, expert=self.expert_a)
        self.assertFalse(self._conversation(self.expert_a))

    # ------------------------------------------------------------------
    # The expert's side
    # ------------------------------------------------------------------

    def test_expert_starts_a_conversation(self):
        action = self.client_partner.with_user(self.expert_a).action_client_center_chat()
        self.assertEqual(action["tag"], "mail.action_discuss")
        channel = self._conversation(self.expert_a)
        self.assertEqual(action["context"]["active_id"], channel.id)
        self.assertIn(self.expert_a.partner_id, channel.channel_member_ids.partner_id)
        self.assertIn(self.support_user.partner_id, channel.channel_member_ids.partner_id)
        # from the order and from the session: the same conversation
        self.assertEqual(self.order_a.with_user(self.expert_a).action_client_center_chat(), action)
        booking = self._booked(line=self._paid_package_line())
        self.assertEqual(booking.with_user(self.expert_a).action_client_center_chat(), action)
        # the expert writes in Discuss; the client reads it in its center
        channel.with_user(self.expert_a).message_post(
            body="How did the exercise go?", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        messages = self.center._chat_messages(self.client_partner, expert=self.expert_a)
        self.assertEqual([m["body"] for m in messages], ["How did the exercise go?"])
        self.assertFalse(messages[0]["is_mine"])

    def test_other_experts_and_clients_are_refused(self):
        channels = self.env["discuss.channel"].search([("client_center_id", "!=", False)])
        with self.assertRaises(AccessError):
            self.client_partner.with_user(self.expert_b).action_client_center_chat()
        with self.assertRaises(AccessError):
            self.order_a.with_user(self.expert_b).action_client_center_chat()
        with self.assertRaises(AccessError):
            self.client_partner.with_user(self.other_user).action_client_center_chat()
        with self.assertRaises(AccessError):
            self.env["discuss.channel"].with_user(self.expert_b).channel_get([self.client_partner.id])
        self.assertEqual(self.env["discuss.channel"].search([("client_center_id", "!=", False)]), channels)

    def test_platform_joins_the_support_conversation(self):
        self.client_partner.with_user(self.platform_manager).action_client_center_chat()
        channel = self._conversation()
        self.assertIn(self.platform_manager.partner_id, channel.channel_member_ids.partner_id)
        self.assertIn(self.support_user.partner_id, channel.channel_member_ids.partner_id)

    def test_discuss_finds_own_clients_only(self):
        def found(user, name):
            partners = self.env["res.partner"].with_user(user).im_search(name, 10)
            return {partner["id"] for partner in partners}

        self.assertIn(self.client_partner.id, found(self.expert_a, "Client A"))
        self.assertNotIn(self.other_partner.id, found(self.expert_a, "Client B"))
        self.assertIn(self.other_partner.id, found(self.expert_b, "Client B"))
        self.assertNotIn(self.client_partner.id, found(self.expert_b, "Client A"))
        # the platform finds every client; a portal user none
        self.assertTrue({self.client_partner.id, self.other_partner.id} <= found(self.platform_manager, "Client"))
        self.assertEqual(found(self.client_user, "Client"), set())
        # colleagues are still found (Odoo's search)
        self.assertIn(self.expert_b.partner_id.id, found(self.expert_a, "Expert B"))

    def test_start_a_conversation_opens_the_client_center_one(self):
        info = self.env["discuss.channel"].with_user(self.expert_a).channel_get([self.client_partner.id])
        channel = self._conversation(self.expert_a)
        self.assertEqual(info["id"], channel.id)
        self.assertEqual(info["channel_type"], "group")
        # a colleague: Odoo's private chat
        info = self.env["discuss.channel"].with_user(self.expert_a).channel_get([self.expert_b.partner_id.id])
        self.assertEqual(info["channel_type"], "chat")

    # ------------------------------------------------------------------
    # By email
    # ------------------------------------------------------------------

    def test_client_reads_and_answers_by_email(self):
        alias_domain = self.env["mail.alias.domain"].create({"name": "example.com"})
        self.env.company.alias_domain_id = alias_domain
        self.client_partner.with_user(self.expert_a).action_client_center_chat()
        channel = self._conversation(self.expert_a)
        MailServer = self.registry["ir.mail_server"]
        original_send = MailServer.send_email
        sent = []

        def send_email(server, message, *args, **kwargs):
            sent.append(message)
            return original_send(server, message, *args, **kwargs)

        with patch.object(MailServer, "send_email", send_email):
            message = channel.with_user(self.expert_a).message_post(
                body="See you on Tuesday.", message_type="comment", subtype_xmlid="mail.mt_comment"
            )
        emailed = message.notification_ids.filtered(lambda n: n.notification_type == "email").res_partner_id
        self.assertEqual(emailed, self.client_partner)
        self.assertEqual([mail["To"] for mail in sent], ['"Client A" <client.a@example.com>'])
        body = sent[0].get_body(("html",)).get_content()
        self.assertIn("See you on Tuesday.", body)
        self.assertIn("/client-center/main", body)
        # the client's own message is not emailed back to it
        own = self.center._chat_post(self.client_partner, "Thanks!", expert=self.expert_a)
        self.assertFalse(own.notification_ids.filtered(lambda n: n.notification_type == "email"))
        # the client answers the email: it lands in the conversation
        with mute_logger("odoo.addons.mail.models.mail_thread"):
            self.env["mail.thread"].message_process(
                None,
                EMAIL.format(
                    email_from="client.a@example.com",
                    to=f"catchall@{alias_domain.name}",
                    subject="Re: See you",
                    message_id="answer-1@client.example.com",
                    parent=message.message_id,
                    body="Yes, Tuesday is fine.",
                ),
            )
        messages = self.center._chat_messages(self.client_partner, expert=self.expert_a)
        self.assertIn("Yes, Tuesday is fine.", messages[-1]["body"])
        self.assertTrue(messages[-1]["is_mine"])
