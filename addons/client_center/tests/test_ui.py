import threading
import time
from unittest.mock import patch

from odoo import api
from odoo.tests import HttpCase, tagged

from odoo.addons.bus.models.bus import channel_with_db, dispatch, hashable
from odoo.addons.bus.websocket import WebsocketConnectionHandler

from .common import ClientCenterCommon


@tagged("post_install", "-at_install")
class TestClientCenterTours(ClientCenterCommon, HttpCase):
    """The client center walked in Chromium."""

    def _answer_from_discuss(self, answer):
        """When the client posts, the support agent answers from Discuss a
        moment later in its own transaction (as a Discuss request would);
        the test then wakes the websockets up, since the bus cannot do it
        inside a test transaction."""
        registry = self.registry
        support_uid = self.support_user.id
        threads = []
        original = type(self.center)._chat_post

        def answer_later(channel_id):
            time.sleep(1)
            with registry.cursor() as cr:
                env = api.Environment(cr, support_uid, {})
                channel = env["discuss.channel"].browse(channel_id)
                channel.message_post(body=answer, message_type="comment", subtype_xmlid="mail.mt_comment")
                key = hashable(channel_with_db(registry.db_name, channel))
            # committed: the bus notifications exist, push them
            for websocket in list(dispatch._channels_to_ws.get(key, ())):
                websocket.trigger_notification_dispatching()

        def _chat_post(center, partner, body, **kwargs):
            message = original(center, partner, body, **kwargs)
            thread = threading.Thread(target=answer_later, args=(message.res_id,), name="client_center_support")
            threads.append(thread)
            thread.start()
            return message

        # Odoo refuses websockets in test mode unless a test allows them, as
        # the bus's own tests do
        for patcher in (
            patch.object(type(self.center), "_chat_post", _chat_post),
            patch.object(WebsocketConnectionHandler, "websocket_allowed", return_value=True),
        ):
            patcher.start()
            self.addCleanup(patcher.stop)
        # joined before the test transaction is rolled back
        self.addCleanup(lambda: [thread.join() for thread in threads])

    def test_tour_chat_cancel_columns_reorder(self):
        package = self._create_package(self.expert_a, "Tour Reorder Package", 200.0, is_published=True)
        self._create_order(package)
        quotation = self._create_order(package, confirm=False)
        quotation.action_quotation_sent()
        self._due_invoice(40.0, days_overdue=5)
        # an earlier exchange: the conversation exists when the page opens
        self.center._chat_post(self.client_partner, "Hello!")
        self._answer_from_discuss("Of course, pick a new time in your sessions.")
        self.start_tour("/client-center", "client_center_tour", login="client_a", timeout=180)
        self.assertEqual(quotation.state, "cancel")
        channel = self.env["discuss.channel"].search([("client_center_partner_id", "=", self.client_partner.id)])
        bodies = channel.message_ids.mapped("body")
        self.assertEqual(len(bodies), 3)
        self.assertIn("Of course", bodies[0])
        choice = self.env["client.center.column.choice"].search([("user_id", "=", self.client_user.id)])
        self.assertIn("client_order_ref", choice.column_ids.mapped("field_name"))
        cart = self.env["sale.order"].search(
            [("partner_id", "=", self.client_partner.id), ("state", "=", "draft")], order="id desc", limit=1
        )
        self.assertEqual(cart.order_line.product_id, package)


@tagged("post_install", "-at_install")
class TestClientCenterPhone(ClientCenterCommon, HttpCase):
    """The client center at phone width (narrower than 390 px)."""

    browser_size = "375x740"
    touch_enabled = True

    def test_tour_phone_width(self):
        self._due_invoice(17.25, days_overdue=5)
        package = self._create_package(self.expert_a, "A package with a long name to read", 1250.0, is_published=True)
        self._paid_package_line(product=package)
        self.start_tour("/client-center", "client_center_mobile_tour", login="client_a", timeout=180)


@tagged("post_install", "-at_install")
class TestClientCenterDiscuss(ClientCenterCommon, HttpCase):
    """An expert and its client talk: the expert in Discuss, the client in
    the client center (issue 14.7)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._create_order(cls.package)  # client A is expert A's client

    def _conversation(self):
        return self.env["discuss.channel"].search(
            [
                ("client_center_partner_id", "=", self.client_partner.id),
                ("client_center_expert_id", "=", self.expert_a.id),
            ]
        )

    def test_tour_expert_and_client_talk(self):
        self.start_tour(
            f"/web#model=res.partner&id={self.client_partner.id}&view_type=form",
            "client_center_expert_chat_tour",
            login="expert_a",
            timeout=120,
        )
        channel = self._conversation()
        self.assertEqual(len(channel), 1)
        self.assertIn(self.support_user.partner_id, channel.channel_member_ids.partner_id)
        self.start_tour("/client-center", "client_center_client_chat_tour", login="client_a", timeout=120)
        answer = channel.message_ids.filtered(lambda m: "It helped" in str(m.body))
        self.assertEqual(answer.author_id, self.client_partner)
        self.start_tour(
            f"/web#action=mail.action_discuss&active_id=discuss.channel_{channel.id}",
            "client_center_expert_reads_tour",
            login="expert_a",
            timeout=120,
        )

    def test_tour_start_a_conversation_in_discuss(self):
        self.start_tour(
            "/web#action=mail.action_discuss", "client_center_discuss_search_tour", login="expert_a", timeout=120
        )
        self.assertEqual(len(self._conversation()), 1)
