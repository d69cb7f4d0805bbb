from odoo import SUPERUSER_ID, api
from odoo.tests import tagged

from odoo.addons.session_booking.tests.common import BookingRaceCase


@tagged("post_install", "-at_install")
class TestChatRace(BookingRaceCase):
    """A client double-clicks "Send" on its very first message: both
    messages land in one conversation."""

    def test_first_messages_racing_make_one_conversation(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            partner_id = env["res.partner"].create({"name": "Racing client"}).id

        def post(env, text):
            center = env.ref("client_center.client_center_default")
            center._chat_post(env["res.partner"].browse(partner_id), text)

        try:
            outcomes = self._race_calls(
                [lambda env: post(env, "first click"), lambda env: post(env, "second click")], "posted"
            )
            with self.registry.cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {})
                channels = env["discuss.channel"].search([("client_center_partner_id", "=", partner_id)])
                bodies = channels.message_ids.filtered(lambda m: m.message_type == "comment").mapped("body")
                self.assertEqual(outcomes, ["posted", "posted"])
                self.assertEqual(len(channels), 1)
                self.assertEqual(len(bodies), 2)
        finally:
            with self.registry.cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {})
                env["discuss.channel"].search([("client_center_partner_id", "=", partner_id)]).unlink()
                env["res.partner"].browse(partner_id).unlink()
